package org.nrm.app.config;

import java.util.Set;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.spring.ProcessEngineFactoryBean;
import org.springframework.boot.sql.init.dependency.AbstractBeansOfTypeDependsOnDatabaseInitializationDetector;

/**
 * The engine's tables come from the Flyway migrations (schema-update is off), so the engine must start after them.
 * Registered in META-INF/spring.factories.
 */
public class CamundaAfterMigrations extends AbstractBeansOfTypeDependsOnDatabaseInitializationDetector {

    @Override
    protected Set<Class<?>> getDependsOnDatabaseInitializationBeanTypes() {
        return Set.of(ProcessEngineFactoryBean.class, ProcessEngineConfigurationImpl.class);
    }
}
