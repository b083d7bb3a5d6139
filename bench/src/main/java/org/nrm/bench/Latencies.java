package org.nrm.bench;

import java.util.Arrays;

/** Latencies in microseconds, recorded by many threads, summarised as percentiles in milliseconds. */
final class Latencies {

    private long[] values = new long[1 << 16];
    private int size;

    synchronized void record(long micros) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = micros;
    }

    synchronized int count() {
        return size;
    }

    synchronized double percentileMillis(double p) {
        if (size == 0) {
            return Double.NaN;
        }
        long[] sorted = Arrays.copyOf(values, size);
        Arrays.sort(sorted);
        int index = (int) Math.min(size - 1, Math.ceil(p / 100.0 * size) - 1);
        return Math.round(sorted[Math.max(0, index)] / 10.0) / 100.0;
    }
}
