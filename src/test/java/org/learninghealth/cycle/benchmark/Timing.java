package org.learninghealth.cycle.benchmark;

import java.util.Arrays;
import java.util.Locale;

/** Wall-clock samples of one operation: warm-up first, then median and 95th percentile in milliseconds. */
public final class Timing {

    private final double[] millis;

    private Timing(double[] millis) {
        this.millis = millis;
        Arrays.sort(this.millis);
    }

    public static Timing of(int warmUp, int runs, Runnable operation) {
        for (int i = 0; i < warmUp; i++) {
            operation.run();
        }
        double[] samples = new double[runs];
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            operation.run();
            samples[i] = (System.nanoTime() - start) / 1e6;
        }
        return new Timing(samples);
    }

    /** Samples taken elsewhere (when two operations are timed in turn), in milliseconds. */
    public static Timing of(double[] millis) {
        return new Timing(millis.clone());
    }

    public double median() {
        return percentile(0.5);
    }

    public double p95() {
        return percentile(0.95);
    }

    /** Nearest-rank percentile. */
    public double percentile(double q) {
        int rank = (int) Math.ceil(q * millis.length);
        return millis[Math.max(0, rank - 1)];
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "median %.2f ms, p95 %.2f ms (%d runs)", median(), p95(), millis.length);
    }
}
