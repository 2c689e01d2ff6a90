package org.pactum.demo;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pactum.agreement.AgreementContent;
import org.pactum.agreement.AgreementContent.FieldRule;
import org.pactum.agreement.FieldAction;
import org.pactum.agreement.Generalisation;
import org.pactum.agreement.RecordRisk;
import org.pactum.agreement.ReleaseLevel;
import org.pactum.feed.AgeBands;

/** The demo partnership's agreements: the kind a VRP's Data Framework would hold. */
final class DemoAgreements {

    static final String SNA_TITLE = "West Midlands serious violence strategic needs assessment";
    static final String COHORT_TITLE = "Youth violence cohort: early help";
    static final String PROBATION_TITLE = "Probation caseload for Dudley's SNA";

    static final List<String> COUNCILS =
            List.of(
                    "birmingham-cc",
                    "coventry-cc",
                    "dudley-mbc",
                    "sandwell-mbc",
                    "solihull-mbc",
                    "walsall-mbc",
                    "wolverhampton-cc");
    private static final List<String> BASES =
            List.of(
                    "UK GDPR Art 6(1)(e) public task",
                    "UK GDPR Art 9(2)(g); DPA 2018 Sch 1 Part 2 paras 6 and 10",
                    "UK GDPR Art 10; DPA 2018 Sch 1 Part 2 para 10",
                    "PCSC Act 2022 s16 (disclosure for the Serious Violence Duty)");

    private DemoAgreements() {}

    private static FieldRule allow() {
        return new FieldRule(FieldAction.ALLOW, null);
    }

    private static FieldRule to(Generalisation g) {
        return new FieldRule(FieldAction.GENERALISE, g);
    }

    private static FieldRule pseudonymise() {
        return new FieldRule(FieldAction.PSEUDONYMISE, null);
    }

    /**
     * ACTIVE, AGGREGATE: police, ED, youth justice and education to the seven councils and the VRP.
     */
    static AgreementContent sna(LocalDate today) {
        Map<String, Map<String, FieldRule>> rules = new LinkedHashMap<>();
        rules.put(
                "police-recorded-violence",
                ordered(
                        "lsoa",
                        to(Generalisation.LOCAL_AUTHORITY),
                        "occurred_at",
                        to(Generalisation.MONTH),
                        "victim_date_of_birth",
                        to(Generalisation.AGE_BAND),
                        "victim_age",
                        to(Generalisation.AGE_BAND),
                        "victim_sex",
                        allow(),
                        "offence_group",
                        allow(),
                        "knife_flag",
                        allow(),
                        "domestic_abuse_flag",
                        allow()));
        rules.put(
                "ed-assault-attendances",
                ordered(
                        "lsoa",
                        to(Generalisation.LOCAL_AUTHORITY),
                        "arrival_at",
                        to(Generalisation.MONTH),
                        "patient_age",
                        to(Generalisation.AGE_BAND),
                        "patient_sex",
                        allow(),
                        "assault_method",
                        allow(),
                        "assault_location_type",
                        allow()));
        rules.put(
                "youth-justice-disposals",
                ordered(
                        "home_lsoa",
                        to(Generalisation.LOCAL_AUTHORITY),
                        "disposal_date",
                        to(Generalisation.MONTH),
                        "date_of_birth",
                        to(Generalisation.AGE_BAND),
                        "sex",
                        allow(),
                        "offence_category",
                        allow(),
                        "weapon_flag",
                        allow(),
                        "disposal_type",
                        allow(),
                        "first_time_entrant",
                        allow()));
        rules.put(
                "school-exclusions",
                ordered(
                        "home_lsoa",
                        to(Generalisation.LOCAL_AUTHORITY),
                        "exclusion_date",
                        to(Generalisation.MONTH),
                        "date_of_birth",
                        to(Generalisation.AGE_BAND),
                        "sex",
                        allow(),
                        "category",
                        allow(),
                        "reason_code",
                        allow()));
        List<String> recipients = new java.util.ArrayList<>(COUNCILS);
        recipients.add("wm-vrp");
        return new AgreementContent(
                SNA_TITLE,
                "Produce and refresh the partnership's strategic needs assessment of serious violence under the Serious Violence Duty: "
                        + "trends by council, month, age band and sex, knife crime, and children known to several services.",
                BASES,
                List.of(
                        new AgreementContent.Provider(
                                "wm-police", List.of("police-recorded-violence")),
                        new AgreementContent.Provider(
                                "bsol-icb", List.of("ed-assault-attendances")),
                        new AgreementContent.Provider(
                                "birmingham-yjs", List.of("youth-justice-disposals")),
                        new AgreementContent.Provider(
                                "birmingham-education", List.of("school-exclusions"))),
                recipients,
                today.minusYears(2).withDayOfMonth(1),
                today.plusYears(2),
                today.plusMonths(9),
                36,
                ReleaseLevel.AGGREGATE,
                rules,
                new AgreementContent.DisclosureProfile(
                        8,
                        5,
                        List.of(
                                "localAuthority",
                                "month",
                                "quarter",
                                "ageBand",
                                "sex",
                                "offenceGroup",
                                "knife",
                                "disposalType")),
                new AgreementContent.Contacts(
                        "information.governance@wmvrp.example.org", "dpo@wmvrp.example.org"));
    }

    /**
     * ACTIVE, RECORD: police and youth justice to the youth justice service, for a cohort purpose.
     */
    static AgreementContent cohort(LocalDate today) {
        Map<String, Map<String, FieldRule>> rules = new LinkedHashMap<>();
        rules.put(
                "police-recorded-violence",
                ordered(
                        "victim_id",
                        pseudonymise(),
                        "suspect_id",
                        pseudonymise(),
                        "occurred_at",
                        to(Generalisation.MONTH),
                        "lsoa",
                        to(Generalisation.LOCAL_AUTHORITY),
                        "victim_date_of_birth",
                        to(Generalisation.AGE_BAND),
                        "victim_age",
                        to(Generalisation.AGE_BAND),
                        "victim_sex",
                        allow(),
                        "offence_group",
                        allow(),
                        "knife_flag",
                        allow()));
        rules.put(
                "youth-justice-disposals",
                ordered(
                        "child_id",
                        pseudonymise(),
                        "home_lsoa",
                        to(Generalisation.LOCAL_AUTHORITY),
                        "disposal_date",
                        to(Generalisation.MONTH),
                        "date_of_birth",
                        to(Generalisation.AGE_BAND),
                        "sex",
                        allow(),
                        "offence_category",
                        allow(),
                        "weapon_flag",
                        allow(),
                        "disposal_type",
                        allow()));
        AgreementContent content =
                new AgreementContent(
                        COHORT_TITLE,
                        "Identify children and young people repeatedly affected by violence so the youth justice service can offer early help "
                                + "(DPA 2018 Sch 1 para 18, safeguarding).",
                        BASES,
                        List.of(
                                new AgreementContent.Provider(
                                        "wm-police", List.of("police-recorded-violence")),
                                new AgreementContent.Provider(
                                        "birmingham-yjs", List.of("youth-justice-disposals"))),
                        List.of("birmingham-yjs"),
                        today.minusYears(2).withDayOfMonth(1),
                        today.plusYears(1),
                        today.plusMonths(6),
                        24,
                        ReleaseLevel.RECORD,
                        rules,
                        new AgreementContent.DisclosureProfile(
                                10, 5, List.of("localAuthority", "month", "ageBand")),
                        new AgreementContent.Contacts(
                                "yjs.sar@birmingham.example.org", "ig@birmingham.example.org"));
        // Issue 15: the purpose is children and young people, so only victims under 25 are
        // covered; the offence, weapon and disposal fields an intruder could know from a news
        // report count as quasi-identifiers alongside those classified QI (the youth offence
        // category stays a sensitive attribute, kept l-diverse). Youth justice records are so
        // often unique that up to a fifth of those values may be suppressed.
        return new AgreementContent(
                content.title(),
                content.purpose(),
                content.legalBases(),
                content.providers(),
                content.recipients(),
                content.validFrom(),
                content.validTo(),
                content.reviewDate(),
                content.retentionMonths(),
                content.releaseLevel(),
                content.fieldRules(),
                content.disclosure(),
                content.contacts(),
                null,
                Map.of("police-recorded-violence", Map.of("ageBand", AgeBands.UNDER_25)),
                new RecordRisk(
                        5,
                        2,
                        0.2,
                        Map.of(
                                "police-recorded-violence",
                                List.of("offence_group", "knife_flag"),
                                "youth-justice-disposals",
                                List.of("weapon_flag", "disposal_type")),
                        List.of(
                                RecordRisk.Recoding.QUARTER,
                                RecordRisk.Recoding.YEAR,
                                RecordRisk.Recoding.WIDE_AGE_BAND),
                        List.of()));
    }

    /** PROPOSED, awaiting Dudley's IG lead. */
    static AgreementContent probation(LocalDate today) {
        return new AgreementContent(
                PROBATION_TITLE,
                "Add the probation caseload to Dudley's strategic needs assessment.",
                BASES,
                List.of(
                        new AgreementContent.Provider(
                                "wm-probation", List.of("probation-caseload"))),
                List.of("dudley-mbc"),
                today.withDayOfMonth(1),
                today.plusYears(2),
                today.plusYears(1),
                36,
                ReleaseLevel.AGGREGATE,
                Map.of(
                        "probation-caseload",
                        ordered(
                                "home_lsoa",
                                to(Generalisation.LOCAL_AUTHORITY),
                                "age_band",
                                allow(),
                                "sex",
                                allow(),
                                "index_offence_group",
                                allow(),
                                "start_month",
                                allow())),
                new AgreementContent.DisclosureProfile(
                        8, 5, List.of("localAuthority", "ageBand", "sex")),
                new AgreementContent.Contacts(
                        "sar@probation.example.org", "ig@dudley.example.org"));
    }

    private static Map<String, FieldRule> ordered(Object... pairs) {
        Map<String, FieldRule> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put((String) pairs[i], (FieldRule) pairs[i + 1]);
        }
        return m;
    }
}
