package org.pactum.subject;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.pactum.platform.CsvCells;

/**
 * A request's findings as CSV for the requester: one line per row the organisation holds, then one
 * per release that could have included them, each line saying which it is.
 */
final class FindingsCsv {

    static final String HEADER =
            "record,feed,provider,submissionId,period,line,personId,linkageKey,eventDate,eventMonth,"
                    + "localAuthority,lsoa,ageBand,sex,ethnicity,restricted,attributes,"
                    + "releasedAt,releaseKind,agreementId,recipient,from,to";

    private static final ObjectMapper JSON = new ObjectMapper();

    private FindingsCsv() {}

    static String of(SubjectRequestView view) {
        StringBuilder out = new StringBuilder(HEADER).append('\n');
        for (FoundRow r : view.rows()) {
            line(
                    out,
                    "row",
                    r.feed(),
                    r.provider(),
                    String.valueOf(r.submissionId()),
                    r.period(),
                    String.valueOf(r.line()),
                    r.personId(),
                    r.linkageKey(),
                    r.eventDate(),
                    r.eventMonth(),
                    r.localAuthority(),
                    r.lsoa(),
                    r.ageBand(),
                    r.sex(),
                    r.ethnicity(),
                    String.valueOf(r.restricted()),
                    json(r.attributes()),
                    null,
                    null,
                    null,
                    null,
                    null,
                    null);
        }
        for (PossibleRelease p : view.releases()) {
            line(
                    out,
                    "release",
                    p.feed(),
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    p.releasedAt(),
                    p.kind(),
                    p.agreementId(),
                    p.recipient(),
                    p.from(),
                    p.to());
        }
        return out.toString();
    }

    private static void line(StringBuilder out, String... cells) {
        for (int i = 0; i < cells.length; i++) {
            out.append(i == 0 ? "" : ",").append(CsvCells.cell(cells[i]));
        }
        out.append('\n');
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
