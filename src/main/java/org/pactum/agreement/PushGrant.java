package org.pactum.agreement;

import java.util.Set;

/**
 * Permission for an organisation to push a feed: the ACTIVE agreements that cover it, and their
 * parties.
 */
public record PushGrant(
        String organisation, String feed, Set<String> agreementIds, Set<String> parties) {}
