package org.pactum.subject;

/** How many of the person's rows one provider holds in one feed. */
public record Holder(String provider, String feed, long rows) {}
