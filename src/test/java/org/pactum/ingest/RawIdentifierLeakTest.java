package org.pactum.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.pactum.support.Extracts;
import org.pactum.support.TestDatabase;
import org.pactum.support.Tokens;

/**
 * Pushes extracts carrying distinctive raw identifiers (accepted and rejected), then searches every
 * table of the database and the application log for them. Pseudonymisation at the door means none
 * can be found anywhere.
 */
@QuarkusTest
class RawIdentifierLeakTest {

    private static final List<String> RAW =
            List.of(
                    "LEAKVICTIM1",
                    "LEAKSUSPECT2",
                    "LEAK/CR/3",
                    "ZZLEAKSURNAME",
                    "ZZLEAKFORENAME",
                    "Z98765432109");

    @Test
    void noRawIdentifierReachesAStoredRowOrALogLine() throws Exception {
        String police =
                org.pactum.demo.SyntheticData.POLICE_HEADER
                        + "\n"
                        + "LEAK/CR/3,LEAKVICTIM1,LEAKSUSPECT2,8N,violence-with-injury,true,false,false,2025-06-14T21:00,E01090001,,2007-05-01,,M,W1\n";
        Extracts.push("police-recorded-violence", Extracts.period(1), police)
                .then()
                .statusCode(201);
        String youth =
                org.pactum.demo.SyntheticData.YJ_HEADER
                        + "\n"
                        + "LEAKVICTIM1,ZZLEAKSURNAME,ZZLEAKFORENAME,2010-02-03,M,W1,E01090001,,weapons,true,referral-order,true,2025-03-01,\n";
        Extracts.push("youth-justice-disposals", Extracts.period(2), youth).then().statusCode(201);
        String exclusions =
                org.pactum.demo.SyntheticData.EXCLUSIONS_HEADER
                        + "\n"
                        + "Z98765432109X,ZZLEAKSURNAME,ZZLEAKFORENAME,2010-02-03,M,W1,123456,E08000025,2024/25,spring,9,suspension,US,"
                        + "2025-02-01,2,true,none,E01090001\n";
        // A rejected push too (bad UPN check character): its errors and audit entry must not carry
        // the values either.
        Extracts.push(
                        Tokens.of("birmingham-education", "submitter"),
                        "school-exclusions",
                        Extracts.period(3),
                        "text/csv",
                        exclusions.replace("Z98765432109X", "Z98765432109?"))
                .then()
                .statusCode(422);
        Extracts.push("school-exclusions", Extracts.period(4), exclusions).then().statusCode(201);

        List<String> found = new ArrayList<>();
        try (Connection c = TestDatabase.superuser();
                ResultSet tables =
                        c.createStatement()
                                .executeQuery(
                                        "SELECT tablename FROM pg_tables WHERE schemaname = 'public'")) {
            List<String> names = new ArrayList<>();
            while (tables.next()) {
                names.add(tables.getString(1));
            }
            assertThat(names).contains("feed_row", "submission", "audit_entry");
            for (String table : names) {
                for (String raw : RAW) {
                    try (var ps =
                            c.prepareStatement(
                                    "SELECT count(*) FROM " + table + " t WHERE t::text ILIKE ?")) {
                        ps.setString(1, "%" + raw + "%");
                        try (ResultSet rs = ps.executeQuery()) {
                            rs.next();
                            if (rs.getLong(1) > 0) {
                                found.add(raw + " in table " + table);
                            }
                        }
                    }
                }
            }
        }
        String log = Files.readString(Path.of("target", "pactum-test.log"));
        assertThat(log).as("the application log is being written").isNotEmpty();
        for (String raw : RAW) {
            if (log.toUpperCase().contains(raw.toUpperCase())) {
                found.add(raw + " in the log");
            }
        }
        assertThat(found).isEmpty();
    }
}
