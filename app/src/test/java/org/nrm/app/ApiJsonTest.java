package org.nrm.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.nrm.app.api.json.IsoInstantSerializer;
import org.nrm.app.support.PlatformTest;
import org.springframework.beans.factory.annotation.Autowired;

/** The API's JSON: instants go through the platform's own ISO_INSTANT writer. */
class ApiJsonTest extends PlatformTest {

    @Autowired
    ObjectMapper mapper;

    @Test
    void instants_are_written_by_the_iso_instant_serializer() throws Exception {
        assertThat(mapper.getSerializerProviderInstance().findValueSerializer(Instant.class))
                .isInstanceOf(IsoInstantSerializer.class);
        assertThat(mapper.writeValueAsString(java.util.Map.of("at", Instant.parse("2026-11-29T13:25:13.379012Z"))))
                .isEqualTo("{\"at\":\"2026-11-29T13:25:13.379012Z\"}");
    }
}
