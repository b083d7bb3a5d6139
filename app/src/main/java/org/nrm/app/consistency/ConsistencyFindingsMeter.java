package org.nrm.app.consistency;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.stereotype.Component;

/**
 * The last full consistency check as meters: {@code nrm.consistency.findings{kind}} (every kind the checker knows,
 * zero when clean) and {@code nrm.consistency.checked.cases}; {@code nrm.consistency.last.check} is when it ran
 * (seconds since the epoch, 0 before the first). A check of one case does not change them.
 */
@Component
public class ConsistencyFindingsMeter {

    /** Every kind of finding the checker knows: its public string constants. */
    static final List<String> KINDS = java.util.Arrays.stream(ConsistencyChecker.class.getFields())
            .filter(f -> java.lang.reflect.Modifier.isStatic(f.getModifiers()) && f.getType() == String.class)
            .map(f -> {
                try {
                    return (String) f.get(null);
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            })
            .sorted().toList();

    private final MultiGauge findings;
    private final AtomicLong checkedCases = new AtomicLong();
    private final AtomicLong lastCheck = new AtomicLong();

    public ConsistencyFindingsMeter(MeterRegistry meters) {
        this.findings = MultiGauge.builder("nrm.consistency.findings")
                .description("Findings of the last full consistency check, per kind").register(meters);
        Gauge.builder("nrm.consistency.checked.cases", checkedCases, AtomicLong::get)
                .description("Cases the last full consistency check looked at").register(meters);
        Gauge.builder("nrm.consistency.last.check", lastCheck, AtomicLong::get).baseUnit("seconds")
                .description("When the last full consistency check ran (seconds since the epoch)").register(meters);
        record(new ConsistencyReport(0, List.of()), 0);
    }

    void record(ConsistencyReport report, long epochSecond) {
        Map<String, Long> perKind = new TreeMap<>();
        KINDS.forEach(kind -> perKind.put(kind, 0L));
        report.findings().forEach(f -> perKind.merge(f.kind(), 1L, Long::sum));
        findings.register(perKind.entrySet().stream()
                .<MultiGauge.Row<?>>map(e -> MultiGauge.Row.of(Tags.of("kind", e.getKey()), e.getValue())).toList(),
                true);
        checkedCases.set(report.checkedCases());
        lastCheck.set(epochSecond);
    }
}
