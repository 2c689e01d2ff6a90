package org.pactum.disclosure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Properties of the shipped perturbation tables, computed from their intervals (issue 13). */
class PtableTest {

    private static String resource(String name) throws Exception {
        try (InputStream in =
                PtableTest.class.getResourceAsStream("/disclosure/" + name + ".csv")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** Perturbation of each key of row n, straight from the CSV's intervals. */
    private static int[] row(Ptable t, int n) {
        int[] p = new int[256];
        java.util.Arrays.fill(p, Integer.MIN_VALUE);
        for (Ptable.Interval i : t.intervals()) {
            if (i.count() == n) {
                for (int k = i.keyFrom(); k <= i.keyTo(); k++) {
                    p[k] = i.perturbation();
                }
            }
        }
        return p;
    }

    @ParameterizedTest
    @ValueSource(strings = {"pactum-ptable-1-t8", "pactum-ptable-1-t10"})
    void theShippedTableIsExactlyWhatTheDocumentedMethodGenerates(String name) throws Exception {
        String shipped = resource(name);
        Ptable read = Ptable.read(new StringReader(shipped));
        assertThat(read.name()).isEqualTo(name);
        assertThat(PtableGenerator.csv(PtableGenerator.generate(read.parameters())))
                .isEqualTo(shipped);
    }

    @ParameterizedTest
    @ValueSource(strings = {"pactum-ptable-1-t8", "pactum-ptable-1-t10"})
    void noiseHasZeroMeanTheStatedVarianceAndIsBoundedAndNeverNegative(String name)
            throws Exception {
        Ptable t = Ptables.named(name);
        int d = t.parameters().maxNoise();
        int threshold = t.threshold();
        for (int n = threshold; n < threshold + t.parameters().rows(); n++) {
            int[] p = row(t, n);
            long sum = 0;
            long squares = 0;
            for (int k = 0; k < 256; k++) {
                assertThat(p[k])
                        .as("count %d key %d covered", n, k)
                        .isNotEqualTo(Integer.MIN_VALUE);
                assertThat(Math.abs(p[k])).isLessThanOrEqualTo(d);
                assertThat(n + p[k]).isGreaterThanOrEqualTo(0);
                sum += p[k];
                squares += (long) p[k] * p[k];
            }
            assertThat(sum).as("mean of count %d", n).isZero();
            assertThat(squares / 256.0)
                    .isCloseTo(
                            t.parameters().variance(), org.assertj.core.data.Offset.offset(0.15));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"pactum-ptable-1-t8", "pactum-ptable-1-t10"})
    void smallCountsAreNeverShownAndCountsAroundTheThresholdArePerturbedFromAbove(String name) {
        Ptable t = Ptables.named(name);
        int threshold = t.threshold();
        DisclosureRules rules = rules(t);
        for (int n = 0; n < threshold; n++) {
            for (int key = 0; key < 256; key++) {
                assertThat(rules.release(n, key)).as("count %d key %d", n, key).isNull();
            }
        }
        // From above: the threshold itself and the next D-1 counts are shown for some keys and
        // shown as the marker for others, so the marker is decided on the perturbed value.
        for (int n = threshold; n < threshold + t.parameters().maxNoise(); n++) {
            int markers = 0;
            for (int key = 0; key < 256; key++) {
                if (rules.release(n, key) == null) {
                    markers++;
                }
            }
            assertThat(markers).as("count %d", n).isBetween(1, 255);
        }
        // Far above, the marker never appears.
        for (int key = 0; key < 256; key++) {
            assertThat(rules.release(threshold + t.parameters().maxNoise(), key)).isNotNull();
        }
    }

    @Test
    void countsBeyondTheRowsCycleThroughThemWithTheSameNoise() {
        Ptable t = Ptables.named(Ptables.DEFAULT);
        int rows = t.parameters().rows();
        for (int key = 0; key < 256; key++) {
            assertThat(t.perturbation(8 + 3 + rows * 5L, key)).isEqualTo(row(t, 11)[key]);
        }
    }

    @Test
    void aTableWithAGapOrAnOverlapIsRefused() {
        String header =
                "# name=x threshold=2 max_noise=1 variance=0.5 rows=1 method=m rotation=151\n"
                        + "count,perturbation,key_from,key_to\n0,0,0,255\n1,-1,0,255\n";
        assertThatThrownBy(() -> Ptable.read(new StringReader(header + "2,0,0,100\n2,1,102,255\n")))
                .hasMessageContaining("not covered");
        assertThatThrownBy(() -> Ptable.read(new StringReader(header + "2,0,0,101\n2,1,101,255\n")))
                .hasMessageContaining("covered twice");
    }

    @Test
    void parametersOutsideWhatTheMethodCanMeetAreRefused() {
        assertThatThrownBy(() -> new PtableGenerator.Parameters("x", 8, 9, 2, 10))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PtableGenerator.Parameters("x", 8, 2, 2.0, 10))
                .isInstanceOf(IllegalArgumentException.class);
    }

    static DisclosureRules rules(Ptable t) {
        return new DisclosureRules(t, t.threshold(), 1, 4, 2000, 0.5, List.of(6, 12, 24));
    }
}
