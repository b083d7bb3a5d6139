package org.nrm.app.api.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class IsoInstantSerializerTest {

    @Test
    void writes_what_iso_instant_writes() {
        SplittableRandom random = new SplittableRandom(7);
        long min = Instant.parse("0000-01-01T00:00:00Z").getEpochSecond();
        long max = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();
        int[] precisions = {0, 1_000_000, 1_000, 1};
        for (int n = 0; n < 200_000; n++) {
            long seconds = random.nextLong(min, max + 1);
            int unit = precisions[n % precisions.length];
            int nanos = unit == 0 ? 0 : random.nextInt(1_000_000_000 / unit) * unit;
            Instant instant = Instant.ofEpochSecond(seconds, nanos);
            assertThat(IsoInstantSerializer.format(instant)).isEqualTo(DateTimeFormatter.ISO_INSTANT.format(instant));
        }
        for (String edge : new String[] {"0000-01-01T00:00:00Z", "9999-12-31T23:59:59.999999999Z",
                "1970-01-01T00:00:00Z", "2024-02-29T23:59:59.000000001Z", "2026-11-29T13:25:13.379012Z"}) {
            assertThat(IsoInstantSerializer.format(Instant.parse(edge))).isEqualTo(edge);
        }
        for (Instant beyond : new Instant[] {Instant.MIN, Instant.MAX, Instant.parse("-0001-12-31T23:59:59Z"),
                Instant.parse("+10000-01-01T00:00:00Z")}) {
            assertThat(IsoInstantSerializer.format(beyond)).isEqualTo(DateTimeFormatter.ISO_INSTANT.format(beyond));
        }
    }
}
