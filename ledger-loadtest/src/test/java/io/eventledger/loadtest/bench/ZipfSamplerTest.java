package io.eventledger.loadtest.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ZipfSamplerTest {

    private static final int DRAWS = 200_000;

    @Test
    void exponentOneGivesRankOneTwiceRankTwoAndAFewHotItemsMostTraffic() {
        long[] counts = draw(new ZipfSampler(1000, 1.0));
        double harmonic = 0;
        for (int i = 1; i <= 1000; i++) {
            harmonic += 1.0 / i;
        }
        assertThat(counts[0] / (double) DRAWS).isCloseTo(1 / harmonic, within(0.005));
        assertThat(counts[0] / (double) counts[1]).isCloseTo(2.0, within(0.1));
        long top10 = 0;
        for (int i = 0; i < 10; i++) {
            top10 += counts[i];
        }
        // 1% of the accounts take ~39% of the commands (H(10)/H(1000))
        assertThat(top10 / (double) DRAWS).isBetween(0.37, 0.41);
    }

    @Test
    void exponentZeroIsUniform() {
        long[] counts = draw(new ZipfSampler(10, 0));
        for (long count : counts) {
            assertThat(count / (double) DRAWS).isCloseTo(0.1, within(0.01));
        }
    }

    @Test
    void aHigherExponentIsMoreSkewed() {
        assertThat(draw(new ZipfSampler(100, 1.5))[0]).isGreaterThan(draw(new ZipfSampler(100, 1.0))[0]);
    }

    @Test
    void staysInRangeAndAvoidsTheExcludedItem() {
        ZipfSampler sampler = new ZipfSampler(2, 3.0);
        SplittableRandom random = new SplittableRandom(1);
        for (int i = 0; i < 1000; i++) {
            assertThat(sampler.nextOtherThan(0, random)).isEqualTo(1);
            assertThat(sampler.next(random)).isBetween(0, 1);
        }
    }

    @Test
    void refusesNoItemsANegativeExponentAndAnImpossibleOther() {
        assertThatThrownBy(() -> new ZipfSampler(0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ZipfSampler(5, -0.5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ZipfSampler(1, 1).nextOtherThan(0, new SplittableRandom()))
                .isInstanceOf(IllegalStateException.class);
    }

    private static long[] draw(ZipfSampler sampler) {
        SplittableRandom random = new SplittableRandom(42);
        long[] counts = new long[sampler.size()];
        for (int i = 0; i < DRAWS; i++) {
            counts[sampler.next(random)]++;
        }
        return counts;
    }
}
