package org.pactum.security;

/** The four roles of DESIGN.md, as they appear in tokens. */
public final class Roles {
    public static final String SUBMITTER = "submitter";
    public static final String ANALYST = "analyst";
    public static final String IG_LEAD = "ig-lead";
    public static final String ADMIN = "admin";

    private Roles() {}
}
