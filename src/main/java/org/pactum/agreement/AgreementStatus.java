package org.pactum.agreement;

/**
 * DRAFT -> PROPOSED -> ACTIVE <-> SUSPENDED; any live state -> REVOKED (final); EXPIRED at the end
 * of the window.
 */
public enum AgreementStatus {
    DRAFT,
    PROPOSED,
    ACTIVE,
    SUSPENDED,
    EXPIRED,
    REVOKED;

    public boolean isFinal() {
        return this == EXPIRED || this == REVOKED;
    }
}
