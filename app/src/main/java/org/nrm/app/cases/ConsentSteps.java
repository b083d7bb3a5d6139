package org.nrm.app.cases;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.nrm.app.security.NrmUser;
import org.nrm.projections.consent.CaseConsents;
import org.nrm.referral.api.ConsentScope;
import org.nrm.referral.api.PersonalText;
import org.nrm.referral.api.RecordConsent;
import org.nrm.referral.api.WithdrawConsent;
import org.nrm.workflow.CommandSender;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Consent as a record: given for scopes (referral, data sharing with named agencies, handover abroad), taken by the
 * acting user of their agency, and withdrawn. Each is one command in one transaction; the consent records are written
 * in the same transaction (subscribing projection), so a withdrawal holds from the next read.
 */
@Service
public class ConsentSteps {

    private final CommandSender commands;
    private final CaseConsents consents;

    public ConsentSteps(CommandSender commands, CaseConsents consents) {
        this.commands = commands;
        this.consents = consents;
    }

    @Transactional
    public void give(String caseId, ConsentRequests.Consent request, NrmUser user) {
        var agencies = request.agencies() == null ? List.<String>of() : request.agencies();
        commands.send(new RecordConsent(caseId, request.scopes(), new LinkedHashSet<>(agencies), user.actor()),
                user.actor());
    }

    @Transactional
    public void withdraw(String caseId, ConsentScope scope, ConsentRequests.Withdrawal request, NrmUser user) {
        var agencies = request == null || request.agencies() == null ? List.<String>of() : request.agencies();
        String reason = request == null || request.reason() == null || request.reason().isBlank() ? null
                : request.reason().strip();
        commands.send(new WithdrawConsent(caseId, scope, new LinkedHashSet<>(agencies), PersonalText.of(reason),
                user.actor()), user.actor());
    }

    /** The case view's {@code consents}: the records, and whether consent to the referral is asked of the person. */
    public Map<String, Object> view(String caseId) {
        var body = new LinkedHashMap<String, Object>();
        body.put("referralConsentRequested", consents.referralConsentRequested(caseId));
        body.put("records", consents.of(caseId).stream().map(entry -> {
            var record = new LinkedHashMap<String, Object>();
            record.put("scope", entry.scope());
            record.put("agency", entry.agency());
            record.put("inForce", entry.inForce());
            record.put("givenAt", entry.givenAt());
            record.put("takenBy", entry.takenBy());
            record.put("takenByAgency", entry.takenByAgency());
            record.put("withdrawnAt", entry.withdrawnAt());
            record.put("withdrawnBy", entry.withdrawnBy());
            record.put("withdrawnByAgency", entry.withdrawnByAgency());
            return record;
        }).toList());
        return body;
    }
}
