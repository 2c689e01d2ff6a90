package org.pactum.subject;

import java.util.List;

/**
 * A data subject request as the IG lead files it: their own reference and the identifiers the
 * person (or the partner holding their record) supplied. The identifiers are pseudonymised at once
 * and never stored, logged, audited or echoed.
 *
 * @param reference the organisation's own reference for the request, e.g. SAR-2026-0042
 */
public record NewSubjectRequest(String reference, Identifiers identifiers) {

    /**
     * Any of: the person's id in a feed (as the providing organisation holds it), an NHS number,
     * and the composite of surname, forename, date of birth and sex.
     */
    public record Identifiers(List<PersonId> personIds, String nhsNumber, Composite composite) {}

    public record PersonId(String feed, String id) {}

    public record Composite(String surname, String forename, String dateOfBirth, String sex) {}
}
