package org.pactum.release;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.pactum.agreement.AgreementContent;
import org.pactum.agreement.FieldAction;
import org.pactum.agreement.Generalisation;
import org.pactum.agreement.ReleaseGrant;
import org.pactum.agreement.ReleaseLevel;
import org.pactum.feed.BuiltInFeeds;
import org.pactum.feed.FeedField;
import org.pactum.feed.FeedSchema;
import org.pactum.feed.FieldRole;

/**
 * Issue 11, "Record fields": for every field of every built-in feed and every rule, a record
 * extract carries the field only when the rule can be carried out exactly as written, and then in
 * the form the rule names. The expectations are this test's own table, not the production check.
 */
class RecordColumnsTest {

    /** What each role may be released as, written out independently of the code under test. */
    private static Set<String> releasable(FieldRole role) {
        return switch (role) {
            case PERSON_IDENTIFIER -> Set.of("PSEUDONYMISE");
            case DATE_OF_BIRTH, AGE -> Set.of("GENERALISE:AGE_BAND");
            case AGE_BAND -> Set.of("ALLOW", "GENERALISE:AGE_BAND");
            case EVENT_DATE, EVENT_MONTH ->
                    Set.of("ALLOW", "GENERALISE:MONTH", "GENERALISE:QUARTER");
            case AREA, LOCAL_AUTHORITY -> Set.of("ALLOW", "GENERALISE:LOCAL_AUTHORITY");
            case SEX, ETHNICITY, ATTRIBUTE -> Set.of("ALLOW");
            default -> Set.of(); // record references, linkage names, free text
        };
    }

    static Stream<Arguments> everyFieldAndRule() {
        List<Arguments> out = new ArrayList<>();
        for (FeedSchema schema : BuiltInFeeds.all()) {
            for (FeedField f : schema.fields()) {
                for (FieldAction a : FieldAction.values()) {
                    if (a == FieldAction.GENERALISE) {
                        for (Generalisation g : Generalisation.values()) {
                            out.add(Arguments.of(schema, f, new AgreementContent.FieldRule(a, g)));
                        }
                    } else {
                        out.add(Arguments.of(schema, f, new AgreementContent.FieldRule(a, null)));
                    }
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{1} under {2}")
    @MethodSource("everyFieldAndRule")
    void aFieldIsReleasedOnlyAsItsRuleSays(
            FeedSchema schema, FeedField field, AgreementContent.FieldRule rule) {
        List<RecordColumns.Column> columns =
                RecordColumns.permitted(schema, grant(schema.code(), field.name(), rule));
        String said = rule.action() + (rule.to() == null ? "" : ":" + rule.to());
        boolean expected =
                rule.action() != FieldAction.DROP && releasable(field.role()).contains(said);
        if (!expected) {
            assertThat(columns).as("nothing may be released").isEmpty();
            return;
        }
        assertThat(columns).hasSize(1);
        RecordColumns.Column c = columns.get(0);
        String sql = c.sql();
        switch (field.role()) {
            case PERSON_IDENTIFIER -> assertThat(c.rekey()).isTrue();
            case DATE_OF_BIRTH, AGE, AGE_BAND -> assertThat(sql).isEqualTo("a.age_band");
            case SEX -> assertThat(sql).isEqualTo("a.sex");
            case ETHNICITY -> assertThat(sql).isEqualTo("a.ethnicity");
            case AREA ->
                    assertThat(sql)
                            .isEqualTo(
                                    rule.action() == FieldAction.ALLOW
                                            ? "a.lsoa"
                                            : "a.local_authority");
            case LOCAL_AUTHORITY -> assertThat(sql).isEqualTo("a.local_authority");
            case EVENT_DATE, EVENT_MONTH -> {
                if (rule.to() == Generalisation.QUARTER) {
                    assertThat(sql).contains("Q");
                } else if (rule.action() == FieldAction.ALLOW
                        && field.role() == FieldRole.EVENT_DATE) {
                    assertThat(sql).contains("event_date");
                } else {
                    assertThat(sql).contains("event_month").contains("'YYYY-MM'");
                }
            }
            case ATTRIBUTE -> assertThat(sql).isEqualTo("a.attrs->>'" + field.name() + "'");
            default -> throw new AssertionError("unexpected release of " + field.role());
        }
        assertThat(c.rekey()).isEqualTo(field.role() == FieldRole.PERSON_IDENTIFIER);
    }

    private static ReleaseGrant grant(String feed, String field, AgreementContent.FieldRule rule) {
        LocalDate today = LocalDate.now();
        AgreementContent content =
                new AgreementContent(
                        "t",
                        "p",
                        List.of("b"),
                        List.of(new AgreementContent.Provider("org", List.of(feed))),
                        List.of("r"),
                        today.minusDays(1),
                        today.plusYears(1),
                        today.plusMonths(1),
                        12,
                        ReleaseLevel.RECORD,
                        Map.of(feed, Map.of(field, rule)),
                        new AgreementContent.DisclosureProfile(8, 5, List.of()),
                        new AgreementContent.Contacts("a", "b"),
                        null,
                        null,
                        null);
        return new ReleaseGrant("dsa-x", 1, "h", content, feed, Set.of("org", "r"), Set.of("org"));
    }
}
