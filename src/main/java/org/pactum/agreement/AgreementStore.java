package org.pactum.agreement;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.pactum.platform.ParsedByText;

/**
 * An agreement's stored versions read back: the current content (parsed from its canonical JSON),
 * the parties still to approve, and the view returned over HTTP.
 */
@ApplicationScoped
class AgreementStore {

    @Inject AgreementRepository agreements;

    @Inject ObjectMapper json;

    AgreementVersion currentVersion(Agreement a) {
        return agreements.version(a.id, a.currentVersion);
    }

    AgreementContent currentContent(Agreement a) {
        return parse(currentVersion(a).content);
    }

    /** Parsed once per stored text (a version's content never changes; nothing mutates it). */
    private final ParsedByText<AgreementContent> parsed = new ParsedByText<>(1_024, this::read);

    AgreementContent parse(String content) {
        return parsed.get(content);
    }

    private AgreementContent read(String content) {
        try {
            return json.readValue(content, AgreementContent.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored agreement content is unreadable", e);
        }
    }

    /** The parties that have not yet approved the current version. */
    Set<String> awaiting(Agreement a) {
        Set<String> awaiting = new TreeSet<>(a.parties);
        agreements
                .approvals(a.id, a.currentVersion)
                .forEach(ap -> awaiting.remove(ap.organisation));
        return awaiting;
    }

    AgreementView view(Agreement a) {
        AgreementVersion v = currentVersion(a);
        List<String> approved =
                agreements.approvals(a.id, a.currentVersion).stream()
                        .map(ap -> ap.organisation)
                        .sorted()
                        .toList();
        List<String> awaiting =
                a.status == AgreementStatus.DRAFT || a.status == AgreementStatus.PROPOSED
                        ? List.copyOf(awaiting(a))
                        : List.of();
        return new AgreementView(
                a.id,
                a.status,
                a.currentVersion,
                v.contentHash,
                parse(v.content),
                approved,
                awaiting,
                a.statusReason,
                a.suspendedBy,
                a.createdAt,
                a.updatedAt);
    }
}
