package org.nrm.app.api;

import jakarta.validation.Valid;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nrm.app.config.JurisdictionProperties;
import org.nrm.app.security.NrmUser;
import org.nrm.app.shelters.ShelterAddresses;
import org.nrm.app.shelters.ShelterPlacements;
import org.nrm.app.shelters.ShelterRequests;
import org.nrm.projections.cases.CaseHistory;
import org.nrm.projections.shelters.ShelterPlacement;
import org.nrm.projections.shelters.ShelterView;
import org.nrm.projections.shelters.Shelters;
import org.nrm.referral.api.AgencyRole;
import org.nrm.referral.api.ShelterType;
import org.nrm.workflow.TaskKey;
import org.nrm.workflow.queue.WorkQueue;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The shelters' beds (exact at every moment: the view is written in the placements' own transactions), who waits for
 * a place of each type, and the shelter provider's own steps on a placement. A shelter's address is secret: only the
 * shelter provider sees it here.
 */
@RestController
@RequestMapping("/api")
class ShelterController {

    private final Shelters shelters;
    private final WorkQueue workQueue;
    private final ShelterAddresses addresses;
    private final ShelterPlacements placements;
    private final CaseHistory history;
    private final JurisdictionProperties jurisdiction;

    ShelterController(Shelters shelters, WorkQueue workQueue, ShelterAddresses addresses, ShelterPlacements placements,
                      CaseHistory history, JurisdictionProperties jurisdiction) {
        this.shelters = shelters;
        this.workQueue = workQueue;
        this.addresses = addresses;
        this.placements = placements;
        this.history = history;
        this.jurisdiction = jurisdiction;
    }

    /** Every shelter in service with its beds, and how many people wait for a place of its type. */
    @GetMapping("/shelters")
    List<Map<String, Object>> shelters() {
        boolean shelterProvider = jurisdiction.agencyPlays(NrmUser.current().agency(), AgencyRole.SHELTER_PROVIDER);
        Map<String, Integer> waiting = workQueue.waiting(TaskKey.SHELTER_PLACEMENT);
        return shelters.all().stream().map(shelter -> {
            Map<String, Object> out = describe(shelter);
            out.put("waitingForType", waiting.getOrDefault(shelter.type(), 0));
            if (shelterProvider) {
                out.put("address", addresses.of(shelter.shelterId()).orElse(null));
            }
            return out;
        }).toList();
    }

    /** People waiting for a shelter place, per shelter type (every type, also those with no shelter yet). */
    @GetMapping("/shelters/waiting")
    Map<String, Integer> waiting() {
        Map<String, Integer> waiting = workQueue.waiting(TaskKey.SHELTER_PLACEMENT);
        Map<String, Integer> out = new LinkedHashMap<>();
        for (ShelterType type : ShelterType.values()) {
            out.put(type.name(), waiting.getOrDefault(type.name(), 0));
        }
        return out;
    }

    /** Who has a bed in the shelter (case ids, no personal data): the shelter provider's list for its own steps. */
    @GetMapping("/shelters/{shelterId}/placements")
    List<ShelterPlacement> placements(@PathVariable String shelterId) {
        if (shelters.find(shelterId).isEmpty()) {
            throw new NotFound("No shelter " + shelterId + ".");
        }
        return shelters.placementsIn(shelterId);
    }

    /** The shelter records that the person moved out: the bed is free. */
    @PostMapping("/cases/{caseId}/placement/move-out")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void moveOut(@PathVariable String caseId, @Valid @RequestBody(required = false) ShelterRequests.MoveOut body) {
        requireCase(caseId);
        placements.moveOut(caseId, body, NrmUser.current());
    }

    /** The person moves to another shelter: the old bed is freed and the new one taken, together or not at all. */
    @PostMapping("/cases/{caseId}/placement/transfer")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void transfer(@PathVariable String caseId, @Valid @RequestBody ShelterRequests.Transfer body) {
        requireCase(caseId);
        placements.transfer(caseId, body, NrmUser.current());
    }

    static Map<String, Object> describe(ShelterView shelter) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("shelterId", shelter.shelterId());
        out.put("name", shelter.name());
        out.put("type", shelter.type());
        out.put("capacity", shelter.capacity());
        out.put("occupied", shelter.occupied());
        out.put("free", shelter.free());
        out.put("groups", shelter.groups().stream().map(Enum::name).sorted().toList());
        return out;
    }

    /**
     * The shelter provider acts only on the cases it is involved in (it hosts or placed the person, or holds a task);
     * any other case is answered as if it did not exist, before the placement's rules are checked, so that a
     * {@code 409 not-placed} never tells an uninvolved agency that the case exists.
     */
    private void requireCase(String caseId) {
        if (!workQueue.isInvolved(caseId, NrmUser.current().agency()) || !history.exists(caseId)) {
            throw NotFound.aCase(caseId);
        }
    }
}
