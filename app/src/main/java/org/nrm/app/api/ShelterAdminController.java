package org.nrm.app.api;

import jakarta.validation.Valid;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.nrm.app.security.NrmUser;
import org.nrm.app.shelters.ShelterAddresses;
import org.nrm.app.shelters.ShelterAdministration;
import org.nrm.app.shelters.ShelterRequests;
import org.nrm.projections.shelters.ShelterView;
import org.nrm.projections.shelters.Shelters;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Shelters as a managed resource (administrator): register, change, retire; every shelter with its address. */
@RestController
@RequestMapping("/api/admin/shelters")
class ShelterAdminController {

    private final ShelterAdministration administration;
    private final Shelters shelters;
    private final ShelterAddresses addresses;

    ShelterAdminController(ShelterAdministration administration, Shelters shelters, ShelterAddresses addresses) {
        this.administration = administration;
        this.shelters = shelters;
        this.addresses = addresses;
    }

    @GetMapping
    List<Map<String, Object>> all() {
        return shelters.allWithRetired().stream().map(this::describe).toList();
    }

    @GetMapping("/{shelterId}")
    Map<String, Object> one(@PathVariable String shelterId) {
        return describe(existing(shelterId));
    }

    @org.springframework.web.bind.annotation.ResponseStatus(org.springframework.http.HttpStatus.CREATED) // documented as 201 (the answer is built below)
    @PostMapping
    ResponseEntity<Map<String, Object>> register(@Valid @RequestBody ShelterRequests.Registration body) {
        administration.register(body, NrmUser.current().actor());
        return ResponseEntity.created(URI.create("/api/admin/shelters/" + body.shelterId()))
                .body(describe(existing(body.shelterId())));
    }

    @PutMapping("/{shelterId}")
    Map<String, Object> replace(@PathVariable String shelterId, @Valid @RequestBody ShelterRequests.Replacement body) {
        existing(shelterId);
        administration.replace(shelterId, body, NrmUser.current());
        return describe(existing(shelterId));
    }

    @PatchMapping("/{shelterId}")
    Map<String, Object> change(@PathVariable String shelterId, @Valid @RequestBody ShelterRequests.Change body) {
        existing(shelterId);
        administration.change(shelterId, body, NrmUser.current());
        return describe(existing(shelterId));
    }

    @PostMapping("/{shelterId}/retirement")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void retire(@PathVariable String shelterId,
                @Valid @RequestBody(required = false) ShelterRequests.Retirement body) {
        existing(shelterId);
        administration.retire(shelterId, body, NrmUser.current());
    }

    private ShelterView existing(String shelterId) {
        return shelters.find(shelterId).orElseThrow(() -> new NotFound("No shelter " + shelterId + "."));
    }

    private Map<String, Object> describe(ShelterView shelter) {
        Map<String, Object> out = ShelterController.describe(shelter);
        out.put("retired", shelter.retired());
        out.put("address", addresses.of(shelter.shelterId()).orElse(null));
        return out;
    }
}
