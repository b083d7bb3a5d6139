package org.nrm.projections.cases;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The case as it stood at a moment, rebuilt from its events up to that moment (the legal record), with the same
 * meaning as the live case view for the fields both carry (a test holds the two together).
 */
@Component
public class CaseAsOf {

    private final CaseHistory history;

    public CaseAsOf(CaseHistory history) {
        this.history = history;
    }

    public Optional<Map<String, Object>> at(String caseId, Instant moment) {
        List<HistoryEntry> events = history.withheldUntil(caseId, moment);
        if (events.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("caseId", caseId);
        state.put("asOf", moment);
        state.put("reconsiderationPending", false);
        String stageBeforeClosure = null;
        for (HistoryEntry event : events) {
            Map<String, Object> data = event.data();
            switch (event.type()) {
                case "ReferralSubmitted" -> {
                    state.put("reference", data.get("reference"));
                    state.put("stage", "AWAITING_REASONABLE_GROUNDS");
                    state.put("child", data.get("presumedChild"));
                    state.put("foreignNational", data.get("foreignNational"));
                }
                case "AnonymousNotificationMade" -> {
                    state.put("reference", data.get("reference"));
                    state.put("stage", "NOTIFICATION");
                    state.put("child", false);
                    state.put("foreignNational", data.get("foreignNational"));
                }
                case "ConsentGiven" -> state.put("stage", "AWAITING_REASONABLE_GROUNDS");
                case "AgeAssessed" -> {
                    state.put("child", "CHILD".equals(data.get("outcome")));
                    if (Boolean.TRUE.equals(data.get("consentRequired"))) {
                        state.put("stage", "NOTIFICATION");
                    }
                }
                case "ProtectionDisqualified" -> state.put("disqualified", true);
                case "TravelDocumentsRecorded" -> state.put("borderCrossingDocuments", data.get("documents"));
                case "ReasonableGroundsDecided" -> state.put("reasonableGrounds", data.get("outcome"));
                case "RecoveryPeriodStarted" -> state.put("stage", "RECOVERY_PERIOD");
                case "RecoveryPeriodEnded" -> state.put("stage", "AWAITING_CONCLUSIVE_GROUNDS");
                case "ConclusiveGroundsDecided" -> {
                    state.put("stage", "SUPPORT");
                    state.put("conclusiveGrounds", data.get("outcome"));
                }
                case "ReconsiderationRequested" -> state.put("reconsiderationPending", true);
                case "ReconsiderationDecided" -> {
                    state.put("reconsiderationPending", false);
                    if ("OVERTURNED".equals(data.get("outcome"))) {
                        state.put("REASONABLE_GROUNDS".equals(data.get("decision")) ? "reasonableGrounds"
                                : "conclusiveGrounds", "POSITIVE");
                    }
                }
                case "DurableSolutionChosen" -> {
                    state.put("durableSolution", data.get("solution"));
                    state.put("stage", "VOLUNTARY_RETURN".equals(data.get("solution")) ? "RETURN" : "SUPPORT");
                }
                case "PersonPlaced" -> state.put("shelterId", data.get("shelterId"));
                case "PlacementEnded" -> state.remove("shelterId");
                case "ResidencePermitApplied" -> state.put("permitStatus", "APPLIED");
                case "ResidencePermitGranted" -> state.put("permitStatus", "GRANTED");
                case "ResidencePermitRefused" -> state.put("permitStatus", "REFUSED");
                case "ResidencePermitExpired" -> state.put("permitStatus", "EXPIRED");
                case "ResidencePermitRevoked" -> state.put("permitStatus", "REVOKED");
                case "VoluntaryReturnOpened" -> state.put("returnStatus", "REQUESTED");
                case "PersonDeparted" -> state.put("returnStatus", "DEPARTED");
                case "VoluntaryReturnCompleted" -> state.put("returnStatus", "COMPLETED");
                case "VoluntaryReturnAbandoned" -> state.put("returnStatus", "ABANDONED");
                case "CaseClosed" -> {
                    stageBeforeClosure = (String) state.get("stage");
                    state.put("stage", "CLOSED");
                    state.put("closureCategory", data.get("category"));
                }
                case "CaseReopened" -> {
                    state.put("stage", data.getOrDefault("stage", stageBeforeClosure));
                    state.remove("closureCategory");
                }
                default -> {
                    // other events do not change these fields
                }
            }
        }
        state.put("steps", events.size());
        state.put("lastStepAt", events.get(events.size() - 1).occurredAt());
        return Optional.of(state);
    }
}
