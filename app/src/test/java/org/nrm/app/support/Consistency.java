package org.nrm.app.support;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.nrm.app.consistency.ConsistencyChecker;
import org.nrm.app.consistency.Finding;

/**
 * Asserts that the consistency checker reports no finding for the given cases, waiting (up to 60 s) for transient
 * findings such as {@code CASE_VIEW_BEHIND} to clear; fails with every finding still reported, per case. Per case
 * only: the shared test context holds other tests' deliberate inconsistencies.
 */
public final class Consistency {

    private static final Duration AT_MOST = Duration.ofSeconds(60);

    private Consistency() {
    }

    /** Through the checker bean, in the test's own context. */
    public static void assertConsistent(ConsistencyChecker checker, Collection<String> caseIds) {
        await(caseIds, caseId -> {
            List<String> findings = new ArrayList<>();
            for (Finding finding : checker.checkCase(caseId).findings()) {
                findings.add(finding.toString());
            }
            return findings;
        });
    }

    /** Through {@code GET /api/admin/consistency?caseId=} with a client signed in as an admin. */
    public static void assertConsistent(Api admin, Collection<String> caseIds) {
        await(caseIds, caseId -> {
            Api.Response response = admin.get("/api/admin/consistency?caseId=" + caseId);
            if (response.status() != 200) {
                return List.of("the consistency check answered " + response);
            }
            List<String> findings = new ArrayList<>();
            for (JsonNode finding : response.body().get("findings")) {
                findings.add(finding.toString());
            }
            return findings;
        });
    }

    private static void await(Collection<String> caseIds, Function<String, List<String>> findingsOf) {
        if (caseIds.isEmpty()) {
            throw new AssertionError("no case to check");
        }
        Map<String, List<String>> last = new LinkedHashMap<>();
        try {
            Awaitility.await().atMost(AT_MOST).pollInterval(Duration.ofMillis(500)).until(() -> {
                last.clear();
                for (String caseId : caseIds) {
                    List<String> findings = findingsOf.apply(caseId);
                    if (!findings.isEmpty()) {
                        last.put(caseId, findings);
                    }
                }
                return last.isEmpty();
            });
        } catch (ConditionTimeoutException e) {
            StringBuilder message = new StringBuilder("the consistency checker still reports, after " + AT_MOST
                    + ", for " + last.size() + " of " + caseIds.size() + " cases:");
            last.forEach((caseId, findings) -> findings.forEach(f -> message.append("\n  ").append(f)));
            throw new AssertionError(message.toString(), e);
        }
    }
}
