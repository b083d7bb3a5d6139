package org.nrm.app.api;

import jakarta.validation.Valid;
import java.net.URI;
import org.nrm.app.referral.ReferralReceipt;
import org.nrm.app.referral.ReferralRequest;
import org.nrm.app.referral.ReferralService;
import org.nrm.app.security.NrmUser;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/referrals")
class ReferralController {

    private final ReferralService referrals;

    ReferralController(ReferralService referrals) {
        this.referrals = referrals;
    }

    @org.springframework.web.bind.annotation.ResponseStatus(org.springframework.http.HttpStatus.CREATED) // documented as 201 (the answer is built below)
    @PostMapping
    ResponseEntity<ReferralReceipt> refer(@Valid @RequestBody ReferralRequest request) {
        NrmUser user = NrmUser.current();
        ReferralReceipt receipt = referrals.refer(request, user);
        return ResponseEntity.created(URI.create("/api/cases/" + receipt.caseId())).body(receipt);
    }
}
