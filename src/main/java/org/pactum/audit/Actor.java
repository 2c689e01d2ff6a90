package org.pactum.audit;

import java.util.Set;
import org.pactum.security.Caller;

/** Who did something: a caller from a token, or Pactum itself (scheduler, boot). */
public record Actor(
        String subject,
        String organisation,
        Set<String> roles,
        String clientAddress,
        String requestId) {

    public static Actor of(Caller caller) {
        return new Actor(
                caller.subject(),
                caller.organisation(),
                caller.roles(),
                caller.clientAddress(),
                caller.requestId());
    }

    /** Pactum acting on its own account, e.g. the expiry scheduler or a retention purge. */
    public static Actor system(String component) {
        return new Actor("pactum:" + component, null, Set.of(), null, null);
    }
}
