package org.pactum.feed;

import static org.pactum.feed.Classification.DI;
import static org.pactum.feed.Classification.NP;
import static org.pactum.feed.Classification.QI;
import static org.pactum.feed.Classification.S;
import static org.pactum.feed.FieldRole.AGE;
import static org.pactum.feed.FieldRole.AGE_BAND;
import static org.pactum.feed.FieldRole.AREA;
import static org.pactum.feed.FieldRole.ATTRIBUTE;
import static org.pactum.feed.FieldRole.DATE_OF_BIRTH;
import static org.pactum.feed.FieldRole.ETHNICITY;
import static org.pactum.feed.FieldRole.EVENT_DATE;
import static org.pactum.feed.FieldRole.EVENT_MONTH;
import static org.pactum.feed.FieldRole.LINKAGE_FORENAME;
import static org.pactum.feed.FieldRole.LINKAGE_SURNAME;
import static org.pactum.feed.FieldRole.LOCAL_AUTHORITY;
import static org.pactum.feed.FieldRole.PERSON_IDENTIFIER;
import static org.pactum.feed.FieldRole.RECORD_REFERENCE;
import static org.pactum.feed.FieldRole.SEX;
import static org.pactum.feed.FieldType.BOOLEAN;
import static org.pactum.feed.FieldType.CODE;
import static org.pactum.feed.FieldType.DATE;
import static org.pactum.feed.FieldType.DATETIME;
import static org.pactum.feed.FieldType.FREE_TEXT;
import static org.pactum.feed.FieldType.INTEGER;
import static org.pactum.feed.FieldType.LSOA;
import static org.pactum.feed.FieldType.MONTH;
import static org.pactum.feed.FieldType.STRING;

import java.util.List;
import org.pactum.partner.OrganisationType;

/**
 * The five feeds of DOMAIN.md, version 1. Code lists marked [U] in DOMAIN.md are best current
 * knowledge; administrators register a new version when a partnership needs another.
 */
public final class BuiltInFeeds {

    public static final String POLICE = "police-recorded-violence";
    public static final String ED = "ed-assault-attendances";
    public static final String YOUTH_JUSTICE = "youth-justice-disposals";
    public static final String SCHOOL_EXCLUSIONS = "school-exclusions";
    public static final String PROBATION = "probation-caseload";

    static final String[] SEX_CODES = {"M", "F", "X", "U"};

    /**
     * ONS 2021 census 19 categories (self-defined), not stated, and police officer-defined IC1-IC6.
     */
    static final String[] ETHNICITY_CODES = {
        "A1", "A2", "A3", "A4", "A5", "B1", "B2", "B3", "M1", "M2", "M3", "M4", "W1", "W2", "W3",
        "W4", "W5", "O1", "O2", "NS", "IC1", "IC2", "IC3", "IC4", "IC5", "IC6"
    };

    static final String[] OFFENCE_GROUPS = {
        "homicide",
        "violence-with-injury",
        "violence-without-injury",
        "robbery",
        "weapons",
        "sexual"
    };
    static final String SURNAME_PATTERN = "[\\p{L}' .-]{1,60}";

    private BuiltInFeeds() {}

    public static List<FeedSchema> all() {
        return List.of(police(), ed(), youthJustice(), schoolExclusions(), probation());
    }

    static FeedSchema police() {
        return new FeedSchema(
                POLICE,
                1,
                "Police recorded violence",
                "Violent and weapon offences recorded by the force, one row per victim of a crime; monthly.",
                OrganisationType.POLICE,
                false,
                List.of(
                        FeedField.of(
                                        "crime_reference",
                                        STRING,
                                        DI,
                                        RECORD_REFERENCE,
                                        true,
                                        "Force crime reference")
                                .matching("[A-Za-z0-9/-]{4,40}"),
                        FeedField.of(
                                        "victim_id",
                                        STRING,
                                        DI,
                                        PERSON_IDENTIFIER,
                                        true,
                                        "Force person identifier of the victim")
                                .matching("[A-Za-z0-9-]{1,40}"),
                        FeedField.of(
                                        "suspect_id",
                                        STRING,
                                        DI,
                                        PERSON_IDENTIFIER,
                                        false,
                                        "Force person identifier of the suspect")
                                .matching("[A-Za-z0-9-]{1,40}"),
                        FeedField.of(
                                        "offence_code",
                                        STRING,
                                        S,
                                        ATTRIBUTE,
                                        true,
                                        "Home Office Counting Rules offence code, e.g. 1, 10A")
                                .matching("\\d{1,3}[A-Z]?"),
                        FeedField.of("offence_group", CODE, S, ATTRIBUTE, true, "Offence group")
                                .codes(OFFENCE_GROUPS),
                        FeedField.of(
                                "knife_flag",
                                BOOLEAN,
                                S,
                                ATTRIBUTE,
                                true,
                                "Knife or sharp instrument involved"),
                        FeedField.of(
                                "firearm_flag", BOOLEAN, S, ATTRIBUTE, true, "Firearm involved"),
                        FeedField.of(
                                "domestic_abuse_flag",
                                BOOLEAN,
                                S,
                                ATTRIBUTE,
                                true,
                                "Domestic abuse related"),
                        FeedField.of(
                                "occurred_at",
                                DATETIME,
                                QI,
                                EVENT_DATE,
                                true,
                                "Date and hour the offence occurred (ISO 8601)"),
                        FeedField.of(
                                "lsoa",
                                LSOA,
                                QI,
                                AREA,
                                true,
                                "LSOA 2021 code of the offence location"),
                        FeedField.of(
                                "local_authority",
                                FieldType.LOCAL_AUTHORITY,
                                NP,
                                LOCAL_AUTHORITY,
                                false,
                                "ONS local authority code; derived from LSOA when absent"),
                        FeedField.of(
                                "victim_date_of_birth",
                                DATE,
                                QI,
                                DATE_OF_BIRTH,
                                false,
                                "Victim's date of birth; reduced to age band at the door"),
                        FeedField.of(
                                        "victim_age",
                                        INTEGER,
                                        QI,
                                        AGE,
                                        false,
                                        "Victim's age at the offence, when the date of birth is not held")
                                .range(0, 120),
                        FeedField.of("victim_sex", CODE, QI, SEX, true, "Victim's sex")
                                .codes(SEX_CODES),
                        FeedField.of(
                                        "victim_ethnicity",
                                        CODE,
                                        QI,
                                        ETHNICITY,
                                        true,
                                        "Self-defined (18+1) or officer-defined (IC1-IC6) ethnicity")
                                .codes(ETHNICITY_CODES)));
    }

    static FeedSchema ed() {
        return new FeedSchema(
                ED,
                1,
                "Emergency department assault attendances",
                "ISTV minimum dataset (ISB 1594): assault attendances, anonymised at source; at least monthly. "
                        + "Aggregate release only (PCSC Act 2022 s16(4)).",
                OrganisationType.HEALTH,
                true,
                List.of(
                        FeedField.of(
                                        "site_code",
                                        STRING,
                                        NP,
                                        ATTRIBUTE,
                                        true,
                                        "ODS site code of the emergency department")
                                .matching("[A-Z0-9]{3,5}"),
                        FeedField.of(
                                "period_start",
                                DATE,
                                NP,
                                ATTRIBUTE,
                                true,
                                "Start of the reporting period"),
                        FeedField.of(
                                "period_end",
                                DATE,
                                NP,
                                ATTRIBUTE,
                                true,
                                "End of the reporting period"),
                        FeedField.of(
                                "arrival_at",
                                DATETIME,
                                QI,
                                EVENT_DATE,
                                true,
                                "Arrival date and time"),
                        FeedField.of(
                                "assault_at",
                                DATETIME,
                                QI,
                                ATTRIBUTE,
                                false,
                                "Assault date and time"),
                        FeedField.of("assault_method", CODE, S, ATTRIBUTE, true, "Assault method")
                                .codes(
                                        "knife-or-sharp",
                                        "blunt-object",
                                        "body-part",
                                        "firearm",
                                        "other",
                                        "unknown"),
                        FeedField.of(
                                "assault_method_other",
                                FREE_TEXT,
                                S,
                                FieldRole.FREE_TEXT,
                                false,
                                "Other method; screened and dropped before any release"),
                        FeedField.of(
                                        "assault_location_type",
                                        CODE,
                                        QI,
                                        ATTRIBUTE,
                                        true,
                                        "Assault location type")
                                .codes(
                                        "home",
                                        "street",
                                        "licensed-premises",
                                        "school",
                                        "public-transport",
                                        "other",
                                        "unknown"),
                        FeedField.of(
                                "assault_location_description",
                                FREE_TEXT,
                                QI,
                                FieldRole.FREE_TEXT,
                                false,
                                "Location description; screened and dropped before any release"),
                        FeedField.of(
                                "lsoa",
                                LSOA,
                                QI,
                                AREA,
                                false,
                                "LSOA 2021 code of the assault location, when recorded"),
                        FeedField.of(
                                "local_authority",
                                FieldType.LOCAL_AUTHORITY,
                                NP,
                                LOCAL_AUTHORITY,
                                false,
                                "ONS local authority code; derived from LSOA when absent"),
                        FeedField.of(
                                        "patient_age",
                                        INTEGER,
                                        QI,
                                        AGE,
                                        true,
                                        "Patient's age on arrival")
                                .range(0, 120),
                        FeedField.of("patient_sex", CODE, QI, SEX, true, "Patient's sex")
                                .codes(SEX_CODES)));
    }

    static FeedSchema youthJustice() {
        return new FeedSchema(
                YOUTH_JUSTICE,
                1,
                "Youth justice disposals",
                "Disposals given to children by the youth justice service; monthly.",
                OrganisationType.YOUTH_JUSTICE,
                false,
                List.of(
                        FeedField.of(
                                        "child_id",
                                        STRING,
                                        DI,
                                        PERSON_IDENTIFIER,
                                        true,
                                        "Youth justice case management id")
                                .matching("[A-Za-z0-9-]{1,40}"),
                        FeedField.of(
                                        "surname",
                                        STRING,
                                        DI,
                                        LINKAGE_SURNAME,
                                        true,
                                        "Surname, for the composite linkage key only")
                                .matching(SURNAME_PATTERN),
                        FeedField.of(
                                        "forename",
                                        STRING,
                                        DI,
                                        LINKAGE_FORENAME,
                                        true,
                                        "Forename, for the composite linkage key only")
                                .matching(SURNAME_PATTERN),
                        FeedField.of(
                                "date_of_birth",
                                DATE,
                                QI,
                                DATE_OF_BIRTH,
                                true,
                                "Date of birth; reduced to age band at the door"),
                        FeedField.of("sex", CODE, QI, SEX, true, "Sex").codes(SEX_CODES),
                        FeedField.of(
                                        "ethnicity",
                                        CODE,
                                        QI,
                                        ETHNICITY,
                                        true,
                                        "Self-defined ethnicity")
                                .codes(ETHNICITY_CODES),
                        FeedField.of(
                                "home_lsoa",
                                LSOA,
                                QI,
                                AREA,
                                true,
                                "LSOA 2021 code of the child's home"),
                        FeedField.of(
                                "local_authority",
                                FieldType.LOCAL_AUTHORITY,
                                NP,
                                LOCAL_AUTHORITY,
                                false,
                                "ONS local authority code; derived from LSOA when absent"),
                        FeedField.of(
                                        "offence_category",
                                        CODE,
                                        S,
                                        ATTRIBUTE,
                                        true,
                                        "Offence category")
                                .codes(
                                        "violence-against-the-person",
                                        "robbery",
                                        "weapons",
                                        "sexual",
                                        "drugs",
                                        "theft",
                                        "criminal-damage",
                                        "public-order",
                                        "other"),
                        FeedField.of("weapon_flag", BOOLEAN, S, ATTRIBUTE, true, "Weapon involved"),
                        FeedField.of("disposal_type", CODE, S, ATTRIBUTE, true, "Disposal")
                                .codes(
                                        "caution",
                                        "youth-conditional-caution",
                                        "referral-order",
                                        "youth-rehabilitation-order",
                                        "custody"),
                        FeedField.of(
                                "first_time_entrant",
                                BOOLEAN,
                                S,
                                ATTRIBUTE,
                                true,
                                "First time entrant to the youth justice system"),
                        FeedField.of(
                                "disposal_date",
                                DATE,
                                QI,
                                EVENT_DATE,
                                true,
                                "Date of the disposal"),
                        FeedField.of(
                                        "age_at_disposal",
                                        INTEGER,
                                        QI,
                                        AGE,
                                        false,
                                        "Age at disposal; derived from date of birth when absent")
                                .range(10, 17)));
    }

    static FeedSchema schoolExclusions() {
        return new FeedSchema(
                SCHOOL_EXCLUSIONS,
                1,
                "School exclusions and suspensions",
                "Permanent exclusions and suspensions from schools in the area; termly.",
                OrganisationType.EDUCATION,
                false,
                List.of(
                        FeedField.of(
                                        "upn",
                                        STRING,
                                        DI,
                                        PERSON_IDENTIFIER,
                                        true,
                                        "Unique pupil number")
                                .matching("[A-Z]\\d{11}[0-9A-Z]")
                                .scheme("upn"),
                        FeedField.of(
                                        "surname",
                                        STRING,
                                        DI,
                                        LINKAGE_SURNAME,
                                        true,
                                        "Surname, for the composite linkage key only")
                                .matching(SURNAME_PATTERN),
                        FeedField.of(
                                        "forename",
                                        STRING,
                                        DI,
                                        LINKAGE_FORENAME,
                                        true,
                                        "Forename, for the composite linkage key only")
                                .matching(SURNAME_PATTERN),
                        FeedField.of(
                                "date_of_birth",
                                DATE,
                                QI,
                                DATE_OF_BIRTH,
                                true,
                                "Date of birth; reduced to age band at the door"),
                        FeedField.of("sex", CODE, QI, SEX, true, "Sex").codes(SEX_CODES),
                        FeedField.of(
                                        "ethnicity",
                                        CODE,
                                        QI,
                                        ETHNICITY,
                                        true,
                                        "Self-defined ethnicity")
                                .codes(ETHNICITY_CODES),
                        FeedField.of(
                                        "school_urn",
                                        STRING,
                                        NP,
                                        ATTRIBUTE,
                                        true,
                                        "School unique reference number")
                                .matching("\\d{6}"),
                        FeedField.of(
                                "local_authority",
                                FieldType.LOCAL_AUTHORITY,
                                NP,
                                LOCAL_AUTHORITY,
                                true,
                                "ONS code of the school's local authority"),
                        FeedField.of(
                                        "academic_year",
                                        STRING,
                                        NP,
                                        ATTRIBUTE,
                                        true,
                                        "Academic year, e.g. 2024/25")
                                .matching("\\d{4}/\\d{2}"),
                        FeedField.of("term", CODE, NP, ATTRIBUTE, true, "Term")
                                .codes("autumn", "spring", "summer"),
                        FeedField.of(
                                        "nc_year",
                                        INTEGER,
                                        QI,
                                        ATTRIBUTE,
                                        true,
                                        "National curriculum year (0 = reception)")
                                .range(0, 14),
                        FeedField.of("category", CODE, S, ATTRIBUTE, true, "Exclusion category")
                                .codes("permanent", "suspension"),
                        FeedField.of(
                                        "reason_code",
                                        CODE,
                                        S,
                                        ATTRIBUTE,
                                        true,
                                        "DfE reason code (US: use or threat of an offensive weapon or prohibited item)")
                                .codes(
                                        "PP", "PA", "VP", "VA", "US", "BU", "RA", "AS", "DM", "TH",
                                        "DA", "PD", "MT", "OT"),
                        FeedField.of(
                                "exclusion_date",
                                DATE,
                                QI,
                                EVENT_DATE,
                                true,
                                "Start date of the exclusion"),
                        FeedField.of("sessions", INTEGER, NP, ATTRIBUTE, true, "Sessions missed")
                                .range(1, 400),
                        FeedField.of(
                                "free_school_meals",
                                BOOLEAN,
                                S,
                                ATTRIBUTE,
                                true,
                                "Eligible for free school meals"),
                        FeedField.of(
                                        "sen_status",
                                        CODE,
                                        S,
                                        ATTRIBUTE,
                                        true,
                                        "Special educational needs")
                                .codes("none", "sen-support", "ehcp"),
                        FeedField.of(
                                "home_lsoa",
                                LSOA,
                                QI,
                                AREA,
                                true,
                                "LSOA 2021 code of the pupil's home")));
    }

    static FeedSchema probation() {
        return new FeedSchema(
                PROBATION,
                1,
                "Probation caseload",
                "People under probation supervision in the area; monthly. Risk fields (RoSH, MAPPA) are not yet included [U].",
                OrganisationType.PROBATION,
                false,
                List.of(
                        FeedField.of(
                                        "crn",
                                        STRING,
                                        DI,
                                        PERSON_IDENTIFIER,
                                        true,
                                        "Case reference number")
                                .matching("[A-Z]\\d{6}")
                                .scheme("crn"),
                        FeedField.of("pdu", STRING, NP, ATTRIBUTE, true, "Probation delivery unit")
                                .matching("[A-Za-z0-9 &-]{2,60}"),
                        FeedField.of("age_band", CODE, QI, AGE_BAND, true, "Age band")
                                .codes("18-24", "25-34", "35-44", "45-54", "55-64", "65+"),
                        FeedField.of("sex", CODE, QI, SEX, true, "Sex").codes(SEX_CODES),
                        FeedField.of(
                                        "ethnicity",
                                        CODE,
                                        QI,
                                        ETHNICITY,
                                        true,
                                        "Self-defined ethnicity")
                                .codes(ETHNICITY_CODES),
                        FeedField.of(
                                        "index_offence_group",
                                        CODE,
                                        S,
                                        ATTRIBUTE,
                                        true,
                                        "Index offence group")
                                .codes(OFFENCE_GROUPS),
                        FeedField.of(
                                "violence_flag",
                                BOOLEAN,
                                S,
                                ATTRIBUTE,
                                true,
                                "Violent index offence"),
                        FeedField.of("weapon_flag", BOOLEAN, S, ATTRIBUTE, true, "Weapon involved"),
                        FeedField.of("sentence_type", CODE, S, ATTRIBUTE, true, "Sentence type")
                                .codes(
                                        "community-order",
                                        "suspended-sentence-order",
                                        "licence",
                                        "post-sentence-supervision"),
                        FeedField.of(
                                "start_month",
                                MONTH,
                                QI,
                                EVENT_MONTH,
                                true,
                                "Month supervision started (YYYY-MM)"),
                        FeedField.of(
                                "home_lsoa",
                                LSOA,
                                QI,
                                AREA,
                                true,
                                "LSOA 2021 code of the person's home"),
                        FeedField.of(
                                "local_authority",
                                FieldType.LOCAL_AUTHORITY,
                                NP,
                                LOCAL_AUTHORITY,
                                false,
                                "ONS local authority code; derived from LSOA when absent")));
    }
}
