package org.pactum.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.YearMonth;
import org.junit.jupiter.api.Test;
import org.pactum.feed.BuiltInFeeds;
import org.pactum.feed.FeedSchema;

/**
 * A push's in-memory cube gives up, and so leaves the cube to the GROUP BY over the stored rows,
 * whenever it could not hold every row: more cells than allowed, or a dimension with more values
 * than its bits number. (That the cells it does hold equal the GROUP BY is CubeTest's.)
 */
class IngestCubeTest {

    private static final FeedSchema POLICE =
            BuiltInFeeds.all().stream()
                    .filter(s -> s.code().equals(BuiltInFeeds.POLICE))
                    .findFirst()
                    .orElseThrow();

    @Test
    void moreCellsThanAllowedGivesUp() {
        IngestCube cube = IngestCube.of(POLICE, 2);
        cube.add(row("E08000025"), 1);
        cube.add(row("E08000026"), 2);
        cube.add(row("E08000025"), 3);
        assertThat(cube.complete()).isTrue();
        cube.add(row("E08000027"), 4);
        assertThat(cube.complete()).isFalse();
    }

    @Test
    void moreCouncilsThanTheirBitsNumberGivesUp() {
        IngestCube cube = IngestCube.of(POLICE, 1_000_000);
        for (int i = 1; i < 4096; i++) {
            cube.add(row("E0" + i), i);
        }
        assertThat(cube.complete()).as("4,095 councils fit in 12 bits").isTrue();
        cube.add(row("E0" + 4096), 0);
        assertThat(cube.complete()).isFalse();
    }

    @Test
    void aCubeThatIsOffHoldsNothing() {
        IngestCube cube = IngestCube.off(POLICE);
        cube.add(row("E08000025"), 1);
        assertThat(cube.complete()).isFalse();
    }

    private static DerivedRow row(String council) {
        DerivedRow row = new DerivedRow(POLICE.fields(), "wm-police", null);
        row.eventMonth = YearMonth.of(2026, 1);
        row.authority = council;
        row.ageBand = "18-24";
        row.sex = "F";
        row.ethnicity = "W1";
        return row;
    }
}
