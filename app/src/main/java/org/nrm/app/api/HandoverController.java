package org.nrm.app.api;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.nrm.app.config.JurisdictionProperties;
import org.nrm.app.handover.HandoverPackages;
import org.nrm.app.handover.HandoverPartners;
import org.nrm.app.handover.HandoverSigningKeys;
import org.nrm.app.handover.ReturningNationals;
import org.nrm.app.security.Access;
import org.nrm.app.security.NrmUser;
import org.nrm.projections.cases.CaseHistory;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Cross-border handover (issue 16): this installation's public key, the signed package of a case, the import of a
 * partner's package, the partners' keys (admin), and a returning national's case opened by hand.
 */
@RestController
class HandoverController {

    private final HandoverPackages packages;
    private final HandoverPartners partners;
    private final HandoverSigningKeys keys;
    private final ReturningNationals returningNationals;
    private final Access access;
    private final CaseHistory history;
    private final JurisdictionProperties jurisdiction;

    HandoverController(HandoverPackages packages, HandoverPartners partners, HandoverSigningKeys keys,
                       ReturningNationals returningNationals, Access access, CaseHistory history,
                       JurisdictionProperties jurisdiction) {
        this.packages = packages;
        this.partners = partners;
        this.keys = keys;
        this.returningNationals = returningNationals;
        this.access = access;
        this.history = history;
        this.jurisdiction = jurisdiction;
    }

    @GetMapping("/api/handovers/key")
    Map<String, Object> publicKey() {
        return packages.publicKey();
    }

    /** The signed package of a case, for the agency involved in it (return organisation, competent authority). */
    @GetMapping("/api/cases/{caseId}/handover")
    Map<String, Object> export(@PathVariable String caseId, @RequestParam(name = "to", required = false) String to) {
        NrmUser user = NrmUser.current();
        if (!access.mayActOn(user, caseId) || !history.exists(caseId)) {
            throw NotFound.aCase(caseId);
        }
        if (to != null && !org.nrm.app.referral.IsoCodes.isCountry(to)) {
            throw new InvalidParameter("to", "'to' must be an assigned ISO 3166-1 alpha-2 country code (e.g. TH).");
        }
        return packages.export(caseId, to, user);
    }

    @org.springframework.web.bind.annotation.ResponseStatus(org.springframework.http.HttpStatus.CREATED) // documented as 201 (the answer is built below)
    @PostMapping("/api/handovers")
    ResponseEntity<HandoverPackages.Imported> importPackage(@RequestBody JsonNode envelope) {
        HandoverPackages.Imported imported = packages.importPackage(envelope, NrmUser.current());
        return ResponseEntity.created(URI.create("/api/cases/" + imported.caseId())).body(imported);
    }

    @org.springframework.web.bind.annotation.ResponseStatus(org.springframework.http.HttpStatus.CREATED) // documented as 201 (the answer is built below)
    @PostMapping("/api/returning-nationals")
    ResponseEntity<ReturningNationals.Opened> open(@Valid @RequestBody ReturningNationals.OpenRequest request) {
        ReturningNationals.Opened opened = returningNationals.open(request, NrmUser.current());
        return ResponseEntity.created(URI.create("/api/cases/" + opened.caseId())).body(opened);
    }

    /** {@code {"country": "VN", "keyId": "..", "publicKey": JWK, "replaces": ".." (optional: a rotation)}}. */
    record PartnerRegistration(String country, String keyId, Object publicKey, String replaces) {
    }

    @GetMapping("/api/admin/handover-partners")
    List<Map<String, Object>> partners() {
        return partners.all().stream().map(HandoverPartners.PartnerKey::view).toList();
    }

    @org.springframework.web.bind.annotation.ResponseStatus(org.springframework.http.HttpStatus.CREATED) // documented as 201 (the answer is built below)
    @PostMapping("/api/admin/handover-partners")
    ResponseEntity<Map<String, Object>> register(@RequestBody PartnerRegistration body) {
        var key = partners.register(body.country(), body.keyId(), body.publicKey(), body.replaces(),
                jurisdiction.countryCode(), NrmUser.current());
        return ResponseEntity.created(URI.create("/api/admin/handover-partners/" + key.keyId())).body(key.view());
    }

    @PostMapping("/api/admin/handover-partners/{keyId}/revocation")
    Map<String, Object> revoke(@PathVariable String keyId) {
        if (partners.find(keyId).isEmpty()) {
            throw new NotFound("No partner key " + keyId + ".");
        }
        return partners.revoke(keyId, NrmUser.current()).view();
    }

    /** Retires this installation's signing key and makes a new one (partners then register the new public key). */
    @PostMapping("/api/admin/handover-key/rotation")
    Map<String, Object> rotateOwnKey() {
        return packages.publicKey(keys.rotate());
    }
}
