package org.nrm.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/** A short measured phase on a machine too busy to answer within it still produces its samples. */
class BenchPhaseTest {

    @Test
    void a_measured_phase_goes_on_past_its_seconds_until_it_has_the_minimum_samples() throws Exception {
        Bench bench = new Bench(Map.of("min-samples", "2", "max-extra-seconds", "60"));
        long phaseEnd = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
        Latencies latencies = new Latencies();
        // a platform that answers nothing useful within the phase's second (each request 10 ms, refused until then)
        long done = bench.load(1, 2, () -> {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
            return System.nanoTime() > phaseEnd;
        }, latencies);
        assertThat(done).isGreaterThanOrEqualTo(2);
        assertThat(latencies.count()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void without_a_minimum_a_phase_lasts_its_seconds() throws Exception {
        Bench bench = new Bench(Map.of());
        long done = bench.load(1, 1, () -> false, new Latencies());
        assertThat(done).isZero();
    }
}
