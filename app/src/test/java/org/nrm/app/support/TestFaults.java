package org.nrm.app.support;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Faults that tests switch on for one case: a command that fails in its handler, or an engine that fails while
 * completing a task after the command's events were appended; the master key, switchable ({@link TestMasterKeys}).
 * Part of the one shared test context.
 */
public class TestFaults {

    private final Set<String> failingCommands = ConcurrentHashMap.newKeySet();
    private final Set<String> failingTaskCompletions = ConcurrentHashMap.newKeySet();

    public void failCommandsFor(String caseId) {
        failingCommands.add(caseId);
    }

    public void failTaskCompletionsFor(String caseId) {
        failingTaskCompletions.add(caseId);
    }

    public void clear() {
        failingCommands.clear();
        failingTaskCompletions.clear();
    }

    public static class InjectedFault extends RuntimeException {
        InjectedFault(String message) {
            super(message);
        }
    }

    @TestConfiguration(proxyBeanMethods = false)
    public static class Config {

        @Bean
        static org.springframework.beans.factory.config.BeanPostProcessor switchableMasterKeys() {
            return TestMasterKeys.wrapper();
        }

        @Bean
        TestFaults testFaults() {
            return new TestFaults();
        }

        @Bean
        SmartInitializingSingleton failingCommandInterceptor(CommandBus commandBus, TestFaults faults) {
            return () -> commandBus.registerHandlerInterceptor(new MessageHandlerInterceptor<CommandMessage<?>>() {
                @Override
                public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork,
                                     InterceptorChain interceptorChain) throws Exception {
                    Object payload = unitOfWork.getMessage().getPayload();
                    for (String caseId : faults.failingCommands) {
                        if (payload.toString().contains(caseId)) {
                            throw new InjectedFault("injected command failure for " + caseId);
                        }
                    }
                    return interceptorChain.proceed();
                }
            });
        }

        @Bean
        AbstractProcessEnginePlugin failingTaskCompletionPlugin(TestFaults faults) {
            TaskListener listener = task -> {
                String caseId = task.getExecution().getProcessBusinessKey();
                if (faults.failingTaskCompletions.contains(caseId)) {
                    throw new InjectedFault("injected engine failure completing a task of " + caseId);
                }
            };
            return new AbstractProcessEnginePlugin() {
                @Override
                public void preInit(ProcessEngineConfigurationImpl configuration) {
                    if (configuration.getCustomPreBPMNParseListeners() == null) {
                        configuration.setCustomPreBPMNParseListeners(new java.util.ArrayList<>());
                    }
                    configuration.getCustomPreBPMNParseListeners().add(new AbstractBpmnParseListener() {
                        @Override
                        public void parseUserTask(Element element, ScopeImpl scope, ActivityImpl activity) {
                            ((UserTaskActivityBehavior) activity.getActivityBehavior()).getTaskDefinition()
                                    .addBuiltInTaskListener(TaskListener.EVENTNAME_COMPLETE, listener);
                        }
                    });
                }
            };
        }
    }
}
