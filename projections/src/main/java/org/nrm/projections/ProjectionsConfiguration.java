package org.nrm.projections;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.axonframework.config.ConfigurerModule;
import org.nrm.projections.cases.CaseViewProjection;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** How the projections' processors sequence events, and what they measure. */
@Configuration(proxyBeanMethods = false)
public class ProjectionsConfiguration {

    @Bean
    ConfigurerModule caseSequencing() {
        return configurer -> configurer.eventProcessing(processing -> processing
                .registerSequencingPolicy(CaseViewProjection.PROCESSING_GROUP, c -> new CaseSequencingPolicy()));
    }

    @Bean
    ConfigurerModule visibilityTimers(MeterRegistry meters) {
        return configurer -> configurer.eventProcessing(processing -> {
            for (String group : new String[] {CaseViewProjection.PROCESSING_GROUP}) {
                processing.registerHandlerInterceptor(group,
                        c -> new VisibilityTimer(group, meters, Clock.systemUTC()));
            }
        });
    }
}
