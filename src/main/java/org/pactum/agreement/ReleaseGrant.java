package org.pactum.agreement;

import java.util.Set;

/**
 * Permission to release one feed under one agreement version, as decided now. Carries what release
 * needs: the content (field rules, disclosure profile), the purpose and who is concerned for audit.
 */
public record ReleaseGrant(
        String agreementId,
        int version,
        String contentHash,
        AgreementContent content,
        String feed,
        Set<String> parties,
        Set<String> providersOfFeed) {

    public String purpose() {
        return content.purpose();
    }

    public AgreementContent.FieldRule rule(String field) {
        var rules = content.fieldRules().get(feed);
        AgreementContent.FieldRule rule = rules == null ? null : rules.get(field);
        return rule == null ? new AgreementContent.FieldRule(FieldAction.DROP, null) : rule;
    }
}
