package org.pactum.feed;

/**
 * DOMAIN.md: DI direct identifier (never stored raw), QI quasi-identifier, S sensitive, NP
 * non-personal.
 */
public enum Classification {
    DI,
    QI,
    S,
    NP
}
