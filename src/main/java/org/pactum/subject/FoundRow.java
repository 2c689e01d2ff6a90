package org.pactum.subject;

import java.util.Map;

/**
 * One stored row about the person, as their provider's IG lead sees it: where it came from, its
 * pseudonymised and derived values, and its attributes. Identifiers of anyone else in the row are
 * left out.
 */
public record FoundRow(
        String feed,
        String provider,
        long submissionId,
        String period,
        int line,
        String personId,
        String linkageKey,
        String eventDate,
        String eventMonth,
        String localAuthority,
        String lsoa,
        String ageBand,
        String sex,
        String ethnicity,
        Map<String, Object> attributes,
        boolean restricted) {}
