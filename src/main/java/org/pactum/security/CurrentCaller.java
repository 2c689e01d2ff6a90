package org.pactum.security;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The {@link Caller} of the current request, built once from the verified token and the HTTP
 * request.
 */
@RequestScoped
public class CurrentCaller {

    private static final Set<String> KNOWN_ROLES =
            Set.of(Roles.SUBMITTER, Roles.ANALYST, Roles.IG_LEAD, Roles.ADMIN);

    @Inject SecurityIdentity identity;

    @Inject JsonWebToken token;

    @Inject RequestIds requestIds;

    @Inject SecurityConfig config;

    private Caller caller;

    public Caller get() {
        if (caller == null) {
            caller = build();
        }
        return caller;
    }

    private Caller build() {
        Set<String> roles = new TreeSet<>(identity.getRoles());
        roles.retainAll(KNOWN_ROLES);
        String subject = identity.isAnonymous() ? null : token.getSubject();
        String organisation =
                identity.isAnonymous() ? null : ClaimPaths.string(token, config.orgClaim());
        return new Caller(
                subject,
                organisation,
                Set.copyOf(roles),
                requestIds.clientAddress(),
                requestIds.current());
    }
}
