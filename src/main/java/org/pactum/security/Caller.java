package org.pactum.security;

import java.util.Set;

/**
 * Who is calling, taken only from the verified token (never from a path or body).
 *
 * @param subject the token's {@code sub}
 * @param organisation the token's organisation claim; null when the token carries none
 * @param roles Pactum roles in the token
 * @param clientAddress the remote address the request came from, for the audit trail
 * @param requestId the request's id, echoed in {@code X-Request-Id} and recorded in audit
 */
public record Caller(
        String subject,
        String organisation,
        Set<String> roles,
        String clientAddress,
        String requestId) {

    public boolean hasRole(String role) {
        return roles.contains(role);
    }

    public boolean isAdmin() {
        return hasRole(Roles.ADMIN);
    }

    public boolean belongsTo(String organisationCode) {
        return organisation != null && organisation.equals(organisationCode);
    }
}
