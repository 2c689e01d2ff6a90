package org.pactum.feed;

import java.util.List;

/**
 * The five feeds of DOMAIN.md, version 1, described as data in {@code src/main/resources/feeds/}
 * (Frictionless Table Schema files; see {@link TableSchemas}). Code lists marked [U] in DOMAIN.md
 * are best current knowledge; administrators register a new version when a partnership needs
 * another.
 */
public final class BuiltInFeeds {

    public static final String POLICE = "police-recorded-violence";
    public static final String ED = "ed-assault-attendances";
    public static final String YOUTH_JUSTICE = "youth-justice-disposals";
    public static final String SCHOOL_EXCLUSIONS = "school-exclusions";
    public static final String PROBATION = "probation-caseload";

    private static final List<FeedSchema> ALL = TableSchemas.builtIns();

    private BuiltInFeeds() {}

    public static List<FeedSchema> all() {
        return ALL;
    }
}
