package org.pactum.agreement;

/**
 * What an agreement may release: disclosure-controlled counts only, or re-keyed pseudonymised
 * records too.
 */
public enum ReleaseLevel {
    AGGREGATE,
    RECORD
}
