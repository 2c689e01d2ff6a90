package org.pactum.subject;

/**
 * A restriction, erasure or its lifting: the legal basis the IG lead acts under, recorded in the
 * audit trail with the request's reference (e.g. "UK GDPR Art 18(1)(a)").
 */
public record SubjectAction(String legalBasis) {}
