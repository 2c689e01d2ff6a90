package org.pactum.agreement;

import java.time.LocalDate;
import java.time.ZoneId;

/** Agreements are dated in the partnership's own time zone. */
final class AgreementDates {

    static final ZoneId ZONE = ZoneId.of("Europe/London");

    private AgreementDates() {}

    static LocalDate today() {
        return LocalDate.now(ZONE);
    }
}
