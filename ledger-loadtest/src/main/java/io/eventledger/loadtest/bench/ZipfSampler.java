package io.eventledger.loadtest.bench;

import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * Picks an index in [0, n) with probability proportional to 1/(rank+1)^s: real ledgers have many quiet
 * accounts and a few hot ones. s = 0 is uniform. The cumulative distribution is computed once, so a draw
 * is one binary search.
 */
public final class ZipfSampler {

    private final double[] cumulative;

    public ZipfSampler(int n, double exponent) {
        if (n < 1) {
            throw new IllegalArgumentException("need at least one item, got " + n);
        }
        if (exponent < 0 || Double.isNaN(exponent)) {
            throw new IllegalArgumentException("the Zipf exponent must be 0 or more, got " + exponent);
        }
        cumulative = new double[n];
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += 1.0 / Math.pow(i + 1, exponent);
            cumulative[i] = sum;
        }
        for (int i = 0; i < n; i++) {
            cumulative[i] /= sum;
        }
    }

    public int size() {
        return cumulative.length;
    }

    public int next(RandomGenerator random) {
        int found = Arrays.binarySearch(cumulative, random.nextDouble());
        int index = found >= 0 ? found : -found - 1;
        return Math.min(index, cumulative.length - 1);
    }

    /** Picks an index other than {@code excluded}; with one item there is none, which the caller must avoid. */
    public int nextOtherThan(int excluded, RandomGenerator random) {
        if (cumulative.length < 2) {
            throw new IllegalStateException("a second item needs at least two");
        }
        int index = next(random);
        while (index == excluded) {
            index = next(random);
        }
        return index;
    }
}
