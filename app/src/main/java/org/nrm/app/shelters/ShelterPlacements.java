package org.nrm.app.shelters;

import org.nrm.app.security.NrmUser;
import org.nrm.projections.cases.CaseViews;
import org.nrm.projections.shelters.ShelterPlacement;
import org.nrm.projections.shelters.Shelters;
import org.nrm.referral.api.EndPlacement;
import org.nrm.referral.api.Gender;
import org.nrm.referral.api.PersonalText;
import org.nrm.referral.api.PlacementEndReason;
import org.nrm.referral.model.CaseRuleViolation;
import org.nrm.workflow.CommandSender;
import org.nrm.workflow.tasks.CompletionInput;
import org.nrm.workflow.tasks.PlacementInput;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The shelter's own steps on a placement: the person moves out, or moves to another shelter. */
@Service
public class ShelterPlacements {

    private final CommandSender commands;
    private final Shelters shelters;
    private final CaseViews cases;
    private final JdbcTemplate jdbc;

    public ShelterPlacements(CommandSender commands, Shelters shelters, CaseViews cases, JdbcTemplate jdbc) {
        this.commands = commands;
        this.shelters = shelters;
        this.cases = cases;
        this.jdbc = jdbc;
    }

    @Transactional
    public void moveOut(String caseId, ShelterRequests.MoveOut request, NrmUser user) {
        ShelterPlacement placement = current(caseId);
        commands.send(new EndPlacement(placement.shelterId(), caseId, PlacementEndReason.MOVED_OUT,
                text(request == null ? null : request.note())), user.actor());
    }

    /**
     * Ends the current placement and places the person in another shelter, in one transaction: if the new shelter
     * refuses (full, not taking the person), the person keeps the old bed.
     */
    @Transactional
    public void transfer(String caseId, ShelterRequests.Transfer request, NrmUser user) {
        ShelterPlacement placement = current(caseId);
        if (placement.shelterId().equals(request.shelterId())) {
            throw new CaseRuleViolation("already-placed", "The person already has a bed in this shelter.");
        }
        var view = cases.find(caseId);
        boolean child = placement.child() || view.map(v -> v.child()).orElse(false);
        Gender gender = view.map(v -> v.gender()).filter(g -> g != null).map(Gender::valueOf).orElse(Gender.UNKNOWN);
        var body = new java.util.HashMap<String, Object>();
        body.put(PlacementInput.SHELTER_ID, request.shelterId());
        body.put(PlacementInput.WITH_FAMILY, request.withFamily());
        if (request.childPlacementException() != null) {
            body.put(PlacementInput.CHILD_PLACEMENT_EXCEPTION,
                    java.util.Map.of("reason", request.childPlacementException().reason()));
        }
        var place = PlacementInput.placement(caseId, child, gender, new CompletionInput(body));
        ShelterCommandGuard.lock(jdbc, placement.shelterId(), place.shelterId());
        commands.send(new EndPlacement(placement.shelterId(), caseId, PlacementEndReason.TRANSFERRED,
                text(request.note())), user.actor());
        commands.send(place, user.actor());
    }

    private ShelterPlacement current(String caseId) {
        return shelters.placementOf(caseId).orElseThrow(() -> new CaseRuleViolation("not-placed",
                "The person has no bed in any shelter."));
    }

    private static PersonalText text(String text) {
        return text == null || text.isBlank() ? null : new PersonalText(text.strip());
    }
}
