package org.nrm.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.nrm.app.support.PlatformTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** A planted name goes through the whole slice, errors included, and never reaches the log output. */
@ExtendWith(OutputCaptureExtension.class)
class NoPersonalDataInLogsTest extends PlatformTest {

    private static final String PLANTED = "Quixotically-Zmijewska";

    @Test
    void a_persons_name_never_appears_in_the_logs(CapturedOutput output) {
        var body = new HashMap<>(referralOfAdult());
        body.put("person", Map.of("givenName", PLANTED, "familyName", PLANTED, "gender", "FEMALE",
                "citizenships", List.of("VN")));
        body.put("narrative", "Story of " + PLANTED);
        String caseId = refer(body);
        String taskId = awaitTask("competent-authority", caseId, "reasonable-grounds-decision");
        faults.failCommandsFor(caseId);
        assertThat(as("competent-authority").post("/api/tasks/" + taskId + "/complete",
                Map.of("outcome", "POSITIVE", "reasons", "Credible")).status()).isEqualTo(500);
        faults.clear();
        assertThat(as("competent-authority").post("/api/tasks/" + taskId + "/complete",
                Map.of("outcome", "POSITIVE", "reasons", "Credible")).status()).isEqualTo(204);
        assertThat(as("police").get("/api/cases/" + caseId + "/history").body().toString()).contains(PLANTED);
        body.put("unexpectedField", PLANTED);
        assertThat(as("police").post("/api/referrals", body).status()).isEqualTo(400);

        assertThat(output.getAll()).contains("Unexpected failure").doesNotContain(PLANTED);
    }
}
