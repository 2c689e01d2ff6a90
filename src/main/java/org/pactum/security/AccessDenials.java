package org.pactum.security;

/**
 * Records an authentication failure or role denial in the audit trail. Implemented by the audit
 * package, so security and problem stay free of audit's storage.
 */
public interface AccessDenials {

    void record(int status, String method, String path, String reason);
}
