package org.nrm.workflow.jurisdiction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.nrm.workflow.TestEngine;

/**
 * The jurisdiction's tables in their latest deployed version, asked for at most once a minute: a new version applies
 * once the minute is over, the same answer is given until then, and a table that is not deployed is refused.
 */
class LatestDecisionsTest {

    private static final String KEY = "latest-decisions-test";

    private final ProcessEngine engine = TestEngine.get();
    private final List<String> deployments = new ArrayList<>();
    private Instant now = Instant.parse("2026-12-03T10:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };

    @AfterEach
    void undeploy() {
        deployments.forEach(id -> engine.getRepositoryService().deleteDeployment(id, true));
    }

    private void deploy(String answer) {
        String table = """
                <?xml version="1.0" encoding="UTF-8"?>
                <definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/"
                             xmlns:camunda="http://camunda.org/schema/1.0/dmn"
                             id="ldt" name="Latest decisions test" namespace="http://nrm.org/dmn">
                  <decision id="%s" name="Test" camunda:historyTimeToLive="1">
                    <decisionTable id="ldt-table" hitPolicy="FIRST">
                      <input id="ldt-in" label="In">
                        <inputExpression id="ldt-in-expression" typeRef="boolean" expressionLanguage="juel">
                          <text>${flag}</text>
                        </inputExpression>
                      </input>
                      <output id="ldt-out" label="Answer" name="answer" typeRef="string"/>
                      <rule id="ldt-rule">
                        <inputEntry id="ldt-entry" expressionLanguage="juel"><text>${cellInput == true}</text></inputEntry>
                        <outputEntry id="ldt-answer" expressionLanguage="juel"><text>${'%s'}</text></outputEntry>
                      </rule>
                    </decisionTable>
                  </decision>
                </definitions>
                """.formatted(KEY, answer);
        deployments.add(engine.getRepositoryService().createDeployment().name(KEY)
                .addString(KEY + ".dmn", table).deploy().getId());
    }

    private String answer(LatestDecisions decisions) {
        return decisions.evaluate(KEY, Map.of("flag", true)).getSingleEntry();
    }

    @Test
    void a_new_version_of_a_table_applies_once_the_known_one_is_a_minute_old() {
        var decisions = new LatestDecisions((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration(),
                clock);
        deploy("first");
        assertThat(answer(decisions)).isEqualTo("first");

        deploy("second");
        now = now.plus(LatestDecisions.FRESH_FOR).minusSeconds(1);
        assertThat(answer(decisions)).as("the known version, within the minute").isEqualTo("first");
        now = now.plusSeconds(1);
        assertThat(answer(decisions)).as("the latest version, after it").isEqualTo("second");
        now = now.plus(Duration.ofHours(1));
        assertThat(answer(decisions)).isEqualTo("second");
    }

    @Test
    void a_table_that_is_not_deployed_is_refused() {
        var decisions = new LatestDecisions((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration(),
                clock);
        assertThatThrownBy(() -> answer(decisions)).isInstanceOf(ProcessEngineException.class)
                .hasMessageContaining(KEY);
    }
}
