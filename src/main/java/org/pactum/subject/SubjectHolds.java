package org.pactum.subject;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.pactum.ingest.HeldRows;

/**
 * The ingest step that keeps erasures and restrictions holding across refreshes: a new extract's
 * rows about a person with an active request are deleted (erasure, Art 17) or marked restricted
 * (Art 18) before the submission commits.
 */
@ApplicationScoped
public class SubjectHolds implements HeldRows {

    @Inject SubjectRequestRepository repository;

    @Inject SubjectRowRepository personRows;

    @Inject PersonFields fields;

    @Override
    public Held holdBack(
            Connection c, String provider, String feed, String period, long submissionId)
            throws SQLException {
        List<SubjectRequestRepository.ActiveHold> holds =
                repository.activeHolds(c, provider, feed, period);
        if (holds.isEmpty()) {
            return Held.NONE;
        }
        List<String> idAttributes = fields.identifierAttributes();
        SubjectRowRepository.Scope scope =
                new SubjectRowRepository.Scope(provider, feed, period, submissionId);
        long erased = 0;
        long restricted = 0;
        for (SubjectRequestRepository.ActiveHold hold : holds) {
            if (hold.action().equals(SubjectActionService.ERASE)) {
                erased += personRows.delete(c, scope, hold.match(), idAttributes);
            } else {
                restricted += personRows.setRestricted(c, true, scope, hold.match(), idAttributes);
            }
        }
        return new Held(erased, restricted);
    }
}
