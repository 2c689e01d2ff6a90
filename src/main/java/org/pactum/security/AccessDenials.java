package org.pactum.security;

/**
 * Records an authentication failure or role denial in the audit trail. Implemented by the audit
 * package, so security and problem stay free of audit's storage.
 */
public interface AccessDenials {

    void record(int status, String method, String path, String reason);

    /**
     * Records any other refused request (a 4xx problem), unless this request already put its denial
     * in the trail. {@code route} is the endpoint's template, never the path as sent.
     */
    void refused(int status, String method, String route, String reason);

    /** Whether this request has already put a denial in the trail. */
    boolean alreadyRecorded();
}
