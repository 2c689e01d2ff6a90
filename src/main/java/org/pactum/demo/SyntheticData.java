package org.pactum.demo;

import static org.pactum.demo.SyntheticLists.ED_METHODS;
import static org.pactum.demo.SyntheticLists.ED_PLACES;
import static org.pactum.demo.SyntheticLists.ETHNICITIES;
import static org.pactum.demo.SyntheticLists.HOCR;
import static org.pactum.demo.SyntheticLists.POLICE_OFFENCES;
import static org.pactum.demo.SyntheticLists.PROBATION_BANDS;
import static org.pactum.demo.SyntheticLists.SENTENCES;

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

    private final long seed;
    private final YearMonth lastMonth;
    private final int months;
    private final List<String> lsoas = new ArrayList<>();
    private final Map<String, String> lsoaToCouncil = new LinkedHashMap<>();
    private final ChildExtracts childExtracts;

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
        this.childExtracts = new ChildExtracts(this);
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
        SplittableRandom r = random(31, month);
        line(out, POLICE_HEADER);
        StringBuilder b = new StringBuilder(256);
        for (int i = 0; i < rows; i++) {
            YearMonth m = monthOf(r, month);
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
        SplittableRandom r = random(37, month);
        line(out, ED_HEADER);
        for (int i = 0; i < rows; i++) {
            YearMonth m = monthOf(r, month);
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
                            pick(r, ED_METHODS),
                            "",
                            pick(r, ED_PLACES),
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
     * half of the pool are the ones excluded, so a share of disposals follow an exclusion.
     */
    public void youthJustice(int rows, YearMonth month, Writer out) {
        childExtracts.youthJustice(rows, month, out);
    }

    /** School exclusions and suspensions, mostly from the first half of the child pool. */
    public void schoolExclusions(int rows, YearMonth month, Writer out) {
        childExtracts.schoolExclusions(rows, month, out);
    }

    // ----- probation-caseload ------------------------------------------------------------------

    public static final String PROBATION_HEADER =
            "crn,pdu,age_band,sex,ethnicity,index_offence_group,violence_flag,weapon_flag,"
                    + "sentence_type,start_month,home_lsoa,local_authority";

    public void probation(int rows, YearMonth month, Writer out) {
        SplittableRandom r = random(47, month);
        line(out, PROBATION_HEADER);
        for (int i = 0; i < rows; i++) {
            YearMonth m = monthOf(r, month);
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
                            pick(r, PROBATION_BANDS),
                            r.nextInt(100) < 85 ? "M" : "F",
                            pick(r, ETHNICITIES),
                            group,
                            String.valueOf(!group.equals("weapons")),
                            String.valueOf(group.equals("weapons") || r.nextInt(100) < 15),
                            pick(r, SENTENCES),
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

    /** The generator of one feed ({@code salt}) and month: the same rows on every run. */
    SplittableRandom random(int salt, YearMonth month) {
        return new SplittableRandom(seed * salt + (month == null ? 0 : month.hashCode()));
    }

    /** {@code month}, or a random one of the months covered when it is null. */
    YearMonth monthOf(SplittableRandom r, YearMonth month) {
        return month != null ? month : lastMonth.minusMonths(r.nextInt(months));
    }

    String council(String lsoa) {
        return lsoaToCouncil.get(lsoa);
    }

    YearMonth lastMonth() {
        return lastMonth;
    }

    long seed() {
        return seed;
    }

    String lsoa(SplittableRandom r) {
        return lsoas.get(r.nextInt(lsoas.size()));
    }

    static String upn(SplittableRandom r) {
        return (char) ('A' + r.nextInt(26))
                + String.format("%012d", Math.abs(r.nextLong()) % 1_000_000_000_000L);
    }

    static String pick(SplittableRandom r, String[] values) {
        return values[r.nextInt(values.length)];
    }

    static String twoDigits(int n) {
        return n < 10 ? "0" + n : String.valueOf(n);
    }

    static void line(Writer out, CharSequence text) {
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
