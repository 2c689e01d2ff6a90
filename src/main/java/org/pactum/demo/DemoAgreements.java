package org.pactum.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.Period;
import org.pactum.agreement.AgreementContent;

/**
 * The demo partnership's agreements, the kind a VRP's Data Framework would hold, read from {@code
 * demo/agreements/*.json} (STYLE: demo partnerships are resource files). Each file is the agreement
 * content of the API, except that its dates are given in {@code pactum:relativeDates} as ISO
 * periods from the day of seeding ({@code validFrom} taken to the first of its month), so the demo
 * is always current; {@code pactum:note} says why the agreement is as it is.
 */
final class DemoAgreements {

    private static final ObjectMapper JSON =
            new ObjectMapper().registerModule(new JavaTimeModule());

    private DemoAgreements() {}

    /** ACTIVE, AGGREGATE: police, ED, youth justice and education to the councils and the VRP. */
    static AgreementContent sna(LocalDate today) {
        return load("sna", today);
    }

    /** ACTIVE, RECORD: police and youth justice to the youth justice service, for a cohort. */
    static AgreementContent cohort(LocalDate today) {
        return load("cohort", today);
    }

    /** PROPOSED, awaiting Dudley's IG lead. */
    static AgreementContent probation(LocalDate today) {
        return load("probation", today);
    }

    static AgreementContent load(String name, LocalDate today) {
        String path = "/demo/agreements/" + name + ".json";
        try (InputStream in = DemoAgreements.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("No demo agreement " + path);
            }
            ObjectNode node = (ObjectNode) JSON.readTree(in);
            node.remove("pactum:note");
            JsonNode dates = node.remove("pactum:relativeDates");
            LocalDate from = today.plus(period(dates, "validFrom")).withDayOfMonth(1);
            node.put("validFrom", from.toString());
            node.put("validTo", today.plus(period(dates, "validTo")).toString());
            node.put("reviewDate", today.plus(period(dates, "reviewDate")).toString());
            return JSON.treeToValue(node, AgreementContent.class);
        } catch (IOException e) {
            throw new UncheckedIOException("Demo agreement " + path + " is unreadable", e);
        }
    }

    private static Period period(JsonNode dates, String field) {
        return Period.parse(dates.get(field).asText());
    }
}
