package org.pactum.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The in-memory cell sums a push adds up (issue 14) against BigInteger arithmetic: counts and
 * record-hash sums exact at the extremes of a signed 64-bit hash and across many table growths, and
 * the cell limit refused rather than exceeded.
 */
class CellSumsTest {

    @Test
    void countsAndHashSumsEqualBigIntegerSumsIncludingTheExtremes() throws Exception {
        CellSums sums = new CellSums(100_000);
        Map<Long, BigInteger> expectedSum = new HashMap<>();
        Map<Long, Integer> expectedRows = new HashMap<>();
        SplittableRandom random = new SplittableRandom(14);
        long[] extremes = {Long.MAX_VALUE, Long.MIN_VALUE, -1, 0, 1};
        for (int i = 0; i < 400_000; i++) {
            long key = i < 50_000 ? 7 : random.nextLong(30_000) * 0x1_0000_0001L;
            long hash = i % 3 == 0 ? extremes[i % extremes.length] : random.nextLong();
            assertThat(sums.add(key, hash)).isTrue();
            expectedSum.merge(key, BigInteger.valueOf(hash), BigInteger::add);
            expectedRows.merge(key, 1, Integer::sum);
        }
        Map<Long, BigInteger> gotSum = new HashMap<>();
        Map<Long, Integer> gotRows = new HashMap<>();
        sums.forEach(
                (key, rows, low, high) -> {
                    gotSum.put(key, CellSums.sum(low, high));
                    gotRows.put(key, rows);
                });
        assertThat(sums.size()).isEqualTo(expectedRows.size());
        assertThat(gotRows).isEqualTo(expectedRows);
        assertThat(gotSum).isEqualTo(expectedSum);
    }

    @Test
    void allMaximalOrAllMinimalHashesInOneCellDoNotWrap() throws Exception {
        CellSums max = new CellSums(1);
        CellSums min = new CellSums(1);
        for (int i = 0; i < 1_000; i++) {
            max.add(0, Long.MAX_VALUE);
            min.add(0, Long.MIN_VALUE);
        }
        BigInteger thousand = BigInteger.valueOf(1_000);
        max.forEach(
                (key, rows, low, high) ->
                        assertThat(CellSums.sum(low, high))
                                .isEqualTo(BigInteger.valueOf(Long.MAX_VALUE).multiply(thousand)));
        min.forEach(
                (key, rows, low, high) ->
                        assertThat(CellSums.sum(low, high))
                                .isEqualTo(BigInteger.valueOf(Long.MIN_VALUE).multiply(thousand)));
    }

    @Test
    void aCellBeyondTheLimitIsRefusedAndExistingCellsStillAdd() {
        CellSums sums = new CellSums(3);
        assertThat(sums.add(1, 5)).isTrue();
        assertThat(sums.add(2, 5)).isTrue();
        assertThat(sums.add(3, 5)).isTrue();
        assertThat(sums.add(4, 5)).isFalse();
        assertThat(sums.add(2, 5)).isTrue();
        assertThat(sums.size()).isEqualTo(3);
    }
}
