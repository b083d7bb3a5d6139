package org.nrm.projections;

import org.axonframework.config.ConfigurerModule;
import org.nrm.projections.cases.CaseViewProjection;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** How the projections' processors sequence events. */
@Configuration(proxyBeanMethods = false)
public class ProjectionsConfiguration {

    @Bean
    ConfigurerModule caseSequencing() {
        return configurer -> configurer.eventProcessing(processing -> processing
                .registerSequencingPolicy(CaseViewProjection.PROCESSING_GROUP, c -> new CaseSequencingPolicy()));
    }
}
