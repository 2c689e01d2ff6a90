package org.pactum.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Seeded, deterministic synthetic extracts for all five feeds, with the skew real SNAs show:
 * victims and offenders mostly 15-24 and male, knife involvement in a plausible share, councils
 * weighted by population, and children who appear both in school exclusions and youth justice
 * disposals (so linkage can be tested). Entirely invented: no row describes a real person.
 *
 * <p>The LSOA codes are synthetic too (E0109xxxx, outside the real ONS range) with a matching
 * lookup; a deployment loads the real ONS lookup instead.
 */
public final class SyntheticData {

    /** The seven West Midlands councils, with LSOA counts in proportion to their populations. */
    public static final Map<String, Integer> COUNCILS = orderedCouncils();

    private static final String[] SURNAMES = {
        "SMITH",
        "JONES",
        "KHAN",
        "PATEL",
        "BROWN",
        "WILLIAMS",
        "TAYLOR",
        "HUSSAIN",
        "DAVIES",
        "ALI",
        "WILSON",
        "EVANS",
        "AHMED",
        "THOMAS",
        "JOHNSON",
        "ROBERTS",
        "WALKER",
        "WRIGHT",
        "BEGUM",
        "THOMPSON",
        "WHITE",
        "HUGHES",
        "EDWARDS",
        "GREEN",
        "HALL",
        "WOOD",
        "HARRIS",
        "LEWIS",
        "MARTIN",
        "JACKSON",
        "CLARKE",
        "CLARK",
        "TURNER",
        "HILL",
        "SCOTT",
        "COOPER",
        "MORRIS",
        "WARD",
        "MOORE",
        "KING",
        "WATSON",
        "BAKER",
        "HARRISON",
        "MORGAN",
        "PATEL-SHAH",
        "O'NEILL"
    };
    private static final String[] FORENAMES = {
        "Mohammed",
        "Oliver",
        "Harry",
        "Jack",
        "Muhammad",
        "Noah",
        "Leo",
        "George",
        "Jacob",
        "Amelia",
        "Olivia",
        "Isla",
        "Ava",
        "Mia",
        "Ivy",
        "Lily",
        "Aisha",
        "Zara",
        "Fatima",
        "Kai",
        "Tyler",
        "Jayden",
        "Reece",
        "Kyle",
        "Liam",
        "Chloe",
        "Ellie",
        "Grace",
        "Ruby",
        "Daniel",
        "Adam",
        "Yusuf",
        "Ibrahim",
        "Josh",
        "Callum",
        "Kacper"
    };
    private static final String[] ETHNICITIES = {
        "W1", "W1", "W1", "W1", "W1", "A1", "A1", "A2", "A3", "B1", "B2", "M1", "M2", "W3", "O2",
        "NS"
    };
    private static final String[] POLICE_OFFENCES = {
        "violence-with-injury",
        "violence-with-injury",
        "violence-with-injury",
        "violence-without-injury",
        "violence-without-injury",
        "violence-without-injury",
        "violence-without-injury",
        "robbery",
        "robbery",
        "weapons",
        "sexual",
        "homicide"
    };
    private static final Map<String, String> HOCR =
            Map.of(
                    "homicide",
                    "1",
                    "violence-with-injury",
                    "8N",
                    "violence-without-injury",
                    "8L",
                    "robbery",
                    "34B",
                    "weapons",
                    "10A",
                    "sexual",
                    "19C");

    private final long seed;
    private final YearMonth lastMonth;
    private final int months;
    private final List<String> lsoas = new ArrayList<>();
    private final Map<String, String> lsoaToCouncil = new LinkedHashMap<>();
    private final List<Child> children = new ArrayList<>();

    /** A synthetic child who may appear in both the exclusions and youth justice extracts. */
    record Child(
            String upn,
            String childId,
            String surname,
            String forename,
            LocalDate dateOfBirth,
            String sex,
            String ethnicity,
            String homeLsoa) {}

    public SyntheticData(long seed, YearMonth lastMonth, int months) {
        this.seed = seed;
        this.lastMonth = lastMonth;
        this.months = months;
        int block = 0;
        for (Map.Entry<String, Integer> council : COUNCILS.entrySet()) {
            for (int i = 0; i < council.getValue(); i++) {
                String lsoa = String.format("E0109%04d", block * 1000 + i);
                lsoas.add(lsoa);
                lsoaToCouncil.put(lsoa, council.getKey());
            }
            block++;
        }
        SplittableRandom r = new SplittableRandom(seed ^ 0x5EED_C41DL);
        for (int i = 0; i < 4_000; i++) {
            String sex = r.nextInt(100) < 70 ? "M" : "F";
            LocalDate dob =
                    lastMonth.atDay(1).minusYears(9 + r.nextInt(9)).minusDays(r.nextInt(365));
            children.add(
                    new Child(
                            upn(r),
                            "YJ" + (100000 + i),
                            pick(r, SURNAMES),
                            pick(r, FORENAMES),
                            dob,
                            sex,
                            pick(r, ETHNICITIES),
                            lsoa(r)));
        }
    }

    /** LSOA -> local authority for the synthetic geography. */
    public Map<String, String> lsoaLookup() {
        return lsoaToCouncil;
    }

    public List<YearMonth> monthList() {
        List<YearMonth> list = new ArrayList<>();
        for (int i = months - 1; i >= 0; i--) {
            list.add(lastMonth.minusMonths(i));
        }
        return list;
    }

    // ----- police-recorded-violence ------------------------------------------------------------

    public static final String POLICE_HEADER =
            "crime_reference,victim_id,suspect_id,offence_code,offence_group,knife_flag,firearm_flag,"
                    + "domestic_abuse_flag,occurred_at,lsoa,local_authority,victim_date_of_birth,victim_age,victim_sex,victim_ethnicity";

    /** {@code rows} police rows spread over the months, written as CSV with a header. */
    public void police(int rows, Writer out) {
        police(rows, null, out);
    }

    /**
     * Police rows for one month only (a monthly extract), or all months when {@code month} is null.
     */
    public void police(int rows, YearMonth month, Writer out) {
        SplittableRandom r =
                new SplittableRandom(seed * 31 + (month == null ? 0 : month.hashCode()));
        line(out, POLICE_HEADER);
        StringBuilder b = new StringBuilder(256);
        for (int i = 0; i < rows; i++) {
            YearMonth m = month != null ? month : lastMonth.minusMonths(r.nextInt(months));
            LocalDate day = m.atDay(1 + r.nextInt(m.lengthOfMonth()));
            String group = pick(r, POLICE_OFFENCES);
            boolean knife =
                    r.nextInt(100)
                            < switch (group) {
                                case "robbery" -> 30;
                                case "weapons" -> 60;
                                case "violence-with-injury", "homicide" -> 22;
                                default -> 6;
                            };
            int age = victimAge(r);
            String lsoa = lsoa(r);
            b.setLength(0);
            b.append(m.getYear())
                    .append("/CR/")
                    .append(m.getMonthValue())
                    .append('/')
                    .append(i)
                    .append(',');
            b.append("P").append(r.nextInt(200_000)).append(',');
            b.append(r.nextInt(100) < 55 ? "S" + r.nextInt(150_000) : "").append(',');
            b.append(HOCR.get(group)).append(',').append(group).append(',');
            b.append(knife).append(',').append(r.nextInt(1000) < 8).append(',');
            b.append(!group.equals("robbery") && r.nextInt(100) < 28).append(',');
            b.append(day).append('T').append(twoDigits(r.nextInt(24))).append(":00,");
            b.append(lsoa)
                    .append(',')
                    .append(r.nextInt(100) < 50 ? lsoaToCouncil.get(lsoa) : "")
                    .append(',');
            if (r.nextInt(100) < 70) {
                b.append(day.minusYears(age).minusDays(1 + r.nextInt(360))).append(",,");
            } else {
                b.append(',').append(age).append(',');
            }
            b.append(r.nextInt(100) < 72 ? "M" : "F").append(',').append(pick(r, ETHNICITIES));
            line(out, b);
        }
    }

    // ----- ed-assault-attendances --------------------------------------------------------------

    public static final String ED_HEADER =
            "site_code,period_start,period_end,arrival_at,assault_at,assault_method,assault_method_other,"
                    + "assault_location_type,assault_location_description,lsoa,local_authority,patient_age,patient_sex";

    public void ed(int rows, YearMonth month, Writer out) {
        SplittableRandom r =
                new SplittableRandom(seed * 37 + (month == null ? 0 : month.hashCode()));
        line(out, ED_HEADER);
        String[] methods = {
            "body-part",
            "body-part",
            "body-part",
            "blunt-object",
            "knife-or-sharp",
            "knife-or-sharp",
            "other",
            "unknown"
        };
        String[] places = {
            "street", "street", "home", "licensed-premises", "public-transport", "school", "other"
        };
        for (int i = 0; i < rows; i++) {
            YearMonth m = month != null ? month : lastMonth.minusMonths(r.nextInt(months));
            LocalDate day = m.atDay(1 + r.nextInt(m.lengthOfMonth()));
            String lsoa = lsoa(r);
            line(
                    out,
                    String.join(
                            ",",
                            r.nextBoolean() ? "RR1" : "RQ3",
                            m.atDay(1).toString(),
                            m.atEndOfMonth().toString(),
                            day + "T" + twoDigits(r.nextInt(24)) + ":" + twoDigits(r.nextInt(60)),
                            "",
                            pick(r, methods),
                            "",
                            pick(r, places),
                            "",
                            lsoa,
                            lsoaToCouncil.get(lsoa),
                            String.valueOf(victimAge(r)),
                            r.nextInt(100) < 74 ? "M" : "F"));
        }
    }

    // ----- youth-justice-disposals and school-exclusions (linked children) ---------------------

    public static final String YJ_HEADER =
            "child_id,surname,forename,date_of_birth,sex,ethnicity,home_lsoa,local_authority,"
                    + "offence_category,weapon_flag,disposal_type,first_time_entrant,disposal_date,age_at_disposal";
    public static final String EXCLUSIONS_HEADER =
            "upn,surname,forename,date_of_birth,sex,ethnicity,school_urn,local_authority,"
                    + "academic_year,term,nc_year,category,reason_code,exclusion_date,sessions,free_school_meals,sen_status,home_lsoa";

    /**
     * Youth justice disposals. Children are drawn from the same pool as exclusions, and the first
     * {@code linkedShare} percent of the pool are the ones excluded, so about that share of
     * disposals follow an exclusion.
     */
    public void youthJustice(int rows, YearMonth month, Writer out) {
        SplittableRandom r =
                new SplittableRandom(seed * 41 + (month == null ? 0 : month.hashCode()));
        line(out, YJ_HEADER);
        String[] categories = {
            "violence-against-the-person",
            "violence-against-the-person",
            "robbery",
            "weapons",
            "drugs",
            "theft",
            "criminal-damage",
            "public-order",
            "other"
        };
        String[] disposals = {
            "caution",
            "youth-conditional-caution",
            "referral-order",
            "referral-order",
            "youth-rehabilitation-order",
            "custody"
        };
        int written = 0;
        for (int guard = 0; written < rows && guard < rows * 20; guard++) {
            Child c =
                    r.nextInt(100) < 40
                            ? children.get(r.nextInt(children.size() / 2))
                            : children.get(r.nextInt(children.size()));
            YearMonth m = month != null ? month : lastMonth.minusMonths(r.nextInt(months));
            LocalDate day = m.atDay(1 + r.nextInt(m.lengthOfMonth()));
            int age = java.time.Period.between(c.dateOfBirth(), day).getYears();
            if (age < 10 || age > 17) {
                continue;
            }
            String category = pick(r, categories);
            line(
                    out,
                    String.join(
                            ",",
                            c.childId(),
                            c.surname(),
                            c.forename(),
                            c.dateOfBirth().toString(),
                            c.sex(),
                            c.ethnicity(),
                            c.homeLsoa(),
                            lsoaToCouncil.get(c.homeLsoa()),
                            category,
                            String.valueOf(
                                    category.equals("weapons")
                                            || (category.startsWith("violence")
                                                            || category.equals("robbery"))
                                                    && r.nextInt(100) < 25),
                            pick(r, disposals),
                            String.valueOf(r.nextInt(100) < 45),
                            day.toString(),
                            ""));
            written++;
        }
    }

    /**
     * School exclusions and suspensions, from the first half of the child pool (the ones who also
     * offend more).
     */
    public void schoolExclusions(int rows, YearMonth month, Writer out) {
        SplittableRandom r =
                new SplittableRandom(seed * 43 + (month == null ? 0 : month.hashCode()));
        line(out, EXCLUSIONS_HEADER);
        String[] reasons = {"PD", "PD", "PD", "VA", "VP", "PP", "PA", "US", "BU", "DA", "DM", "OT"};
        String[] sen = {"none", "none", "none", "sen-support", "sen-support", "ehcp"};
        int written = 0;
        for (int guard = 0; written < rows && guard < rows * 20; guard++) {
            Child c =
                    r.nextInt(100) < 70
                            ? children.get(r.nextInt(children.size() / 2))
                            : children.get(r.nextInt(children.size()));
            YearMonth m = month != null ? month : lastMonth.minusMonths(r.nextInt(months));
            if (m.getMonthValue() == 8) {
                continue; // summer holiday
            }
            LocalDate day = m.atDay(1 + r.nextInt(Math.min(28, m.lengthOfMonth())));
            int age = java.time.Period.between(c.dateOfBirth(), day).getYears();
            if (age < 5 || age > 16) {
                continue;
            }
            int startYear = m.getMonthValue() >= 9 ? m.getYear() : m.getYear() - 1;
            String term =
                    m.getMonthValue() >= 9
                            ? "autumn"
                            : m.getMonthValue() <= 3 ? "spring" : "summer";
            line(
                    out,
                    String.join(
                            ",",
                            c.upn(),
                            c.surname(),
                            c.forename(),
                            c.dateOfBirth().toString(),
                            c.sex(),
                            c.ethnicity(),
                            String.valueOf(100_000 + r.nextInt(900_000)),
                            lsoaToCouncil.get(c.homeLsoa()),
                            startYear + "/" + twoDigits((startYear + 1) % 100),
                            term,
                            String.valueOf(Math.min(14, Math.max(0, age - 4))),
                            r.nextInt(100) < 6 ? "permanent" : "suspension",
                            pick(r, reasons),
                            day.toString(),
                            String.valueOf(1 + r.nextInt(10)),
                            String.valueOf(r.nextInt(100) < 38),
                            pick(r, sen),
                            c.homeLsoa()));
            written++;
        }
    }

    // ----- probation-caseload ------------------------------------------------------------------

    public static final String PROBATION_HEADER =
            "crn,pdu,age_band,sex,ethnicity,index_offence_group,violence_flag,weapon_flag,"
                    + "sentence_type,start_month,home_lsoa,local_authority";

    public void probation(int rows, YearMonth month, Writer out) {
        SplittableRandom r =
                new SplittableRandom(seed * 47 + (month == null ? 0 : month.hashCode()));
        line(out, PROBATION_HEADER);
        String[] bands = {"18-24", "18-24", "18-24", "25-34", "25-34", "35-44", "45-54", "55-64"};
        String[] sentences = {
            "community-order",
            "suspended-sentence-order",
            "licence",
            "licence",
            "post-sentence-supervision"
        };
        for (int i = 0; i < rows; i++) {
            YearMonth m = month != null ? month : lastMonth.minusMonths(r.nextInt(months));
            String group = pick(r, POLICE_OFFENCES);
            String lsoa = lsoa(r);
            String council = lsoaToCouncil.get(lsoa);
            line(
                    out,
                    String.join(
                            ",",
                            (char) ('A' + r.nextInt(26))
                                    + String.valueOf(100_000 + r.nextInt(900_000)),
                            "PDU " + council,
                            pick(r, bands),
                            r.nextInt(100) < 85 ? "M" : "F",
                            pick(r, ETHNICITIES),
                            group,
                            String.valueOf(!group.equals("weapons")),
                            String.valueOf(group.equals("weapons") || r.nextInt(100) < 15),
                            pick(r, sentences),
                            m.toString(),
                            lsoa,
                            council));
        }
    }

    // ----- helpers ------------------------------------------------------------------------------

    /** Victim ages: mostly 15-24, with a tail either side (Home Office focus on under-25s). */
    private static int victimAge(SplittableRandom r) {
        int p = r.nextInt(100);
        if (p < 8) {
            return 10 + r.nextInt(5);
        } else if (p < 30) {
            return 15 + r.nextInt(3);
        } else if (p < 62) {
            return 18 + r.nextInt(7);
        } else if (p < 82) {
            return 25 + r.nextInt(10);
        } else if (p < 94) {
            return 35 + r.nextInt(20);
        }
        return 55 + r.nextInt(30);
    }

    private String lsoa(SplittableRandom r) {
        return lsoas.get(r.nextInt(lsoas.size()));
    }

    private static String upn(SplittableRandom r) {
        return (char) ('A' + r.nextInt(26))
                + String.format("%012d", Math.abs(r.nextLong()) % 1_000_000_000_000L);
    }

    private static String pick(SplittableRandom r, String[] values) {
        return values[r.nextInt(values.length)];
    }

    private static String twoDigits(int n) {
        return n < 10 ? "0" + n : String.valueOf(n);
    }

    private static void line(Writer out, CharSequence text) {
        try {
            out.append(text).append('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, Integer> orderedCouncils() {
        Map<String, Integer> m = new LinkedHashMap<>();
        m.put("E08000025", 640); // Birmingham
        m.put("E08000026", 220); // Coventry
        m.put("E08000027", 190); // Dudley
        m.put("E08000028", 190); // Sandwell
        m.put("E08000029", 130); // Solihull
        m.put("E08000030", 170); // Walsall
        m.put("E08000031", 160); // Wolverhampton
        return m;
    }
}
