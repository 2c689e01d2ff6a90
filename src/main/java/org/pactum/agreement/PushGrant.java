package org.pactum.agreement;

import java.util.Set;

/**
 * Permission for an organisation to push a feed: the ACTIVE agreements that cover it, and their
 * parties.
 *
 * @param feedVersion the newest schema version of the feed that one of those agreements names: the
 *     version the push is checked against (a newer one is not covered until approved)
 */
public record PushGrant(
        String organisation,
        String feed,
        Set<String> agreementIds,
        Set<String> parties,
        int feedVersion) {}
