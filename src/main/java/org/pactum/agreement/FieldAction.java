package org.pactum.agreement;

/** What an agreement does with one feed field on release. A field without a rule is dropped. */
public enum FieldAction {
    ALLOW,
    GENERALISE,
    PSEUDONYMISE,
    DROP
}
