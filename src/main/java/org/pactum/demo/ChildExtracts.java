package org.pactum.demo;

import static org.pactum.demo.SyntheticData.line;
import static org.pactum.demo.SyntheticData.pick;
import static org.pactum.demo.SyntheticData.twoDigits;
import static org.pactum.demo.SyntheticData.upn;
import static org.pactum.demo.SyntheticLists.ETHNICITIES;
import static org.pactum.demo.SyntheticLists.EXCLUSION_REASONS;
import static org.pactum.demo.SyntheticLists.FORENAMES;
import static org.pactum.demo.SyntheticLists.SEN;
import static org.pactum.demo.SyntheticLists.SURNAMES;
import static org.pactum.demo.SyntheticLists.YJ_CATEGORIES;
import static org.pactum.demo.SyntheticLists.YJ_DISPOSALS;

import java.io.Writer;
import java.time.LocalDate;
import java.time.Period;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The two extracts about children, drawn from one synthetic pool so that some children appear in
 * both school exclusions and youth justice disposals (linkage can be tested): exclusions come
 * mostly from the first half of the pool, and so do two in five disposals.
 */
final class ChildExtracts {

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

    private final SyntheticData data;
    private final List<Child> children = new ArrayList<>();

    ChildExtracts(SyntheticData data) {
        this.data = data;
        SplittableRandom r = new SplittableRandom(data.seed() ^ 0x5EED_C41DL);
        for (int i = 0; i < 4_000; i++) {
            String sex = r.nextInt(100) < 70 ? "M" : "F";
            LocalDate dob =
                    data.lastMonth()
                            .atDay(1)
                            .minusYears(9 + r.nextInt(9))
                            .minusDays(r.nextInt(365));
            children.add(
                    new Child(
                            upn(r),
                            "YJ" + (100000 + i),
                            pick(r, SURNAMES),
                            pick(r, FORENAMES),
                            dob,
                            sex,
                            pick(r, ETHNICITIES),
                            data.lsoa(r)));
        }
    }

    void youthJustice(int rows, YearMonth month, Writer out) {
        SplittableRandom r = data.random(41, month);
        line(out, SyntheticData.YJ_HEADER);
        int written = 0;
        for (int guard = 0; written < rows && guard < rows * 20; guard++) {
            Child c = child(r, 40);
            YearMonth m = data.monthOf(r, month);
            LocalDate day = m.atDay(1 + r.nextInt(m.lengthOfMonth()));
            int age = Period.between(c.dateOfBirth(), day).getYears();
            if (age < 10 || age > 17) {
                continue;
            }
            line(out, disposal(r, c, day));
            written++;
        }
    }

    private String disposal(SplittableRandom r, Child c, LocalDate day) {
        String category = pick(r, YJ_CATEGORIES);
        boolean weapon =
                category.equals("weapons")
                        || (category.startsWith("violence") || category.equals("robbery"))
                                && r.nextInt(100) < 25;
        return String.join(
                ",",
                c.childId(),
                c.surname(),
                c.forename(),
                c.dateOfBirth().toString(),
                c.sex(),
                c.ethnicity(),
                c.homeLsoa(),
                data.council(c.homeLsoa()),
                category,
                String.valueOf(weapon),
                pick(r, YJ_DISPOSALS),
                String.valueOf(r.nextInt(100) < 45),
                day.toString(),
                "");
    }

    void schoolExclusions(int rows, YearMonth month, Writer out) {
        SplittableRandom r = data.random(43, month);
        line(out, SyntheticData.EXCLUSIONS_HEADER);
        int written = 0;
        for (int guard = 0; written < rows && guard < rows * 20; guard++) {
            Child c = child(r, 70);
            YearMonth m = data.monthOf(r, month);
            if (m.getMonthValue() == 8) {
                continue; // summer holiday
            }
            LocalDate day = m.atDay(1 + r.nextInt(Math.min(28, m.lengthOfMonth())));
            int age = Period.between(c.dateOfBirth(), day).getYears();
            if (age < 5 || age > 16) {
                continue;
            }
            line(out, exclusion(r, c, m, day, age));
            written++;
        }
    }

    private String exclusion(SplittableRandom r, Child c, YearMonth m, LocalDate day, int age) {
        int startYear = m.getMonthValue() >= 9 ? m.getYear() : m.getYear() - 1;
        String term =
                m.getMonthValue() >= 9 ? "autumn" : m.getMonthValue() <= 3 ? "spring" : "summer";
        return String.join(
                ",",
                c.upn(),
                c.surname(),
                c.forename(),
                c.dateOfBirth().toString(),
                c.sex(),
                c.ethnicity(),
                String.valueOf(100_000 + r.nextInt(900_000)),
                data.council(c.homeLsoa()),
                startYear + "/" + twoDigits((startYear + 1) % 100),
                term,
                String.valueOf(Math.min(14, Math.max(0, age - 4))),
                r.nextInt(100) < 6 ? "permanent" : "suspension",
                pick(r, EXCLUSION_REASONS),
                day.toString(),
                String.valueOf(1 + r.nextInt(10)),
                String.valueOf(r.nextInt(100) < 38),
                pick(r, SEN),
                c.homeLsoa());
    }

    /** A child from the first half of the pool {@code firstHalfPercent} times in a hundred. */
    private Child child(SplittableRandom r, int firstHalfPercent) {
        return r.nextInt(100) < firstHalfPercent
                ? children.get(r.nextInt(children.size() / 2))
                : children.get(r.nextInt(children.size()));
    }
}
