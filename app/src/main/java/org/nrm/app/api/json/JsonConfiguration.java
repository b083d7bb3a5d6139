package org.nrm.app.api.json;

import java.time.Instant;
import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** How the API writes JSON, beyond Spring Boot's defaults and {@code spring.jackson.*}. */
@Configuration(proxyBeanMethods = false)
class JsonConfiguration {

    /** Instants as ISO_INSTANT text, written by hand (the serializer registered here wins over JavaTimeModule's). */
    @Bean
    Jackson2ObjectMapperBuilderCustomizer isoInstants() {
        return builder -> builder.serializerByType(Instant.class, new IsoInstantSerializer());
    }
}
