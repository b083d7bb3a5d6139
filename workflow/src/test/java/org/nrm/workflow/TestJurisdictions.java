package org.nrm.workflow;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.nrm.referral.api.AgencyRole;
import org.nrm.workflow.jurisdiction.AgencyDirectory;

/** Jurisdictions the process tests run the one model for. */
public final class TestJurisdictions {

    private TestJurisdictions() {
    }

    /** A directory as the application builds it from {@code nrm.jurisdiction.*}. */
    public record Directory(Map<String, Set<AgencyRole>> agencies, Map<String, List<String>> taskQueues,
                     Map<String, Integer> graceDays, Map<String, Integer> targetDays) implements AgencyDirectory {

        public Directory(Map<String, Set<AgencyRole>> agencies, Map<String, List<String>> taskQueues,
                         Map<String, Integer> graceDays) {
            this(agencies, taskQueues, graceDays, Map.of());
        }

        @Override
        public List<String> playing(AgencyRole role) {
            return agencies.entrySet().stream().filter(e -> e.getValue().contains(role)).map(Map.Entry::getKey)
                    .sorted().toList();
        }

        @Override
        public Optional<List<String>> queueOf(String responsibility) {
            return Optional.ofNullable(taskQueues.get(responsibility));
        }

        @Override
        public OptionalInt graceDays(String responsibility) {
            Integer days = graceDays.get(responsibility);
            return days == null ? OptionalInt.empty() : OptionalInt.of(days);
        }

        @Override
        public OptionalInt targetDays(String responsibility) {
            Integer days = targetDays.get(responsibility);
            return days == null ? OptionalInt.empty() : OptionalInt.of(days);
        }
    }

    /** The demo jurisdiction's agencies (application-demo.yml). */
    public static final Directory DEMO = new Directory(Map.of(
            "police", Set.of(AgencyRole.FIRST_RESPONDER),
            "border-police", Set.of(AgencyRole.FIRST_RESPONDER),
            "labour-inspectorate", Set.of(AgencyRole.FIRST_RESPONDER),
            "ngo-outreach", Set.of(AgencyRole.FIRST_RESPONDER, AgencyRole.SUPPORT_PROVIDER),
            "competent-authority", Set.of(AgencyRole.COMPETENT_AUTHORITY),
            "shelter-provider", Set.of(AgencyRole.SHELTER_PROVIDER, AgencyRole.SUPPORT_PROVIDER),
            "child-services", Set.of(AgencyRole.CHILD_SERVICES),
            "immigration-service", Set.of(AgencyRole.IMMIGRATION_AUTHORITY),
            "return-organisation", Set.of(AgencyRole.RETURN_ORGANISATION),
            "oversight", Set.of(AgencyRole.OVERSIGHT)), Map.of(), Map.of());

    /** The demo's agency ids: none of them may appear in the model or in workflow's code. */
    public static final Set<String> DEMO_AGENCY_IDS = DEMO.agencies().keySet();

    /**
     * A second jurisdiction: other agency names, two agencies for one part, a step given to named agencies, and
     * another grace period for follow-ups, other targets for the conclusive-grounds and reconsideration decisions.
     */
    public static final Directory NORDLAND = new Directory(Map.of(
            "politi-nord", Set.of(AgencyRole.FIRST_RESPONDER),
            "utlendingsdirektoratet", Set.of(AgencyRole.COMPETENT_AUTHORITY, AgencyRole.IMMIGRATION_AUTHORITY),
            "barnevernet-nord", Set.of(AgencyRole.CHILD_SERVICES),
            "krisesenter-a", Set.of(AgencyRole.SHELTER_PROVIDER),
            "krisesenter-b", Set.of(AgencyRole.SHELTER_PROVIDER),
            "rosa-prosjektet", Set.of(AgencyRole.SUPPORT_PROVIDER),
            "iom-nord", Set.of(AgencyRole.RETURN_ORGANISATION),
            "tilsyn", Set.of(AgencyRole.OVERSIGHT)),
            Map.of("durable-solution", List.of("rosa-prosjektet"),
                    "case-closure", List.of("utlendingsdirektoratet")),
            Map.of("reintegration-follow-up", 7),
            Map.of("conclusive-grounds-decision", 60, "reconsideration-decision", 14));
}
