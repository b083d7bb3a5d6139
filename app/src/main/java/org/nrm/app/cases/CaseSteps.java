package org.nrm.app.cases;

import java.util.Map;
import org.nrm.app.config.JurisdictionProperties;
import org.nrm.app.security.NrmUser;
import org.nrm.referral.api.DisqualifyFromProtection;
import org.nrm.referral.api.EndMoveOnSupport;
import org.nrm.referral.api.Exploitation;
import org.nrm.referral.api.GuardianDetails;
import org.nrm.referral.api.PersonalText;
import org.nrm.referral.api.RecordTravelDocuments;
import org.nrm.referral.api.RenewResidencePermit;
import org.nrm.referral.api.ReopenCase;
import org.nrm.referral.api.ReplaceGuardian;
import org.nrm.referral.api.RevokeResidencePermit;
import org.nrm.referral.api.UpdateIdentification;
import org.nrm.referral.model.CaseRuleViolation;
import org.nrm.workflow.CaseProcesses;
import org.nrm.workflow.CommandSender;
import org.nrm.workflow.tasks.CompletionInput;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The steps on a case that no queue holds: each is one command in one transaction (the process follows through the
 * events it causes). The domain's rules answer 409 with their names; a few rules about the process are checked here.
 */
@Service
public class CaseSteps {

    private final CommandSender commands;
    private final CaseProcesses processes;
    private final JurisdictionProperties jurisdiction;

    public CaseSteps(CommandSender commands, CaseProcesses processes, JurisdictionProperties jurisdiction) {
        this.commands = commands;
        this.processes = processes;
        this.jurisdiction = jurisdiction;
    }

    @Transactional
    public void updateIdentification(String caseId, CaseStepRequests.Identification request, NrmUser user) {
        commands.send(new UpdateIdentification(caseId, new Exploitation(request.exploitationTypes(),
                request.exploitationLocation(), request.indicators()), request.exploitationDetails() == null ? null
                : request.exploitationDetails().toDetails()), user.actor());
    }

    @Transactional
    public void recordTravelDocuments(String caseId, CaseStepRequests.TravelDocuments request, NrmUser user) {
        commands.send(new RecordTravelDocuments(caseId, request.documents(), text(request.notes()),
                text(request.borderPoint())), user.actor());
    }

    @Transactional
    public void replaceGuardian(String caseId, CaseStepRequests.GuardianReplacement request, NrmUser user) {
        commands.send(new ReplaceGuardian(caseId, new GuardianDetails(request.guardianName().strip()), request.ground(),
                text(request.reason())), user.actor());
    }

    @Transactional
    public void disqualify(String caseId, CaseStepRequests.Disqualification request, NrmUser user) {
        commands.send(new DisqualifyFromProtection(caseId, request.ground(), text(request.reasons())), user.actor());
    }

    @Transactional
    public void endMoveOnSupport(String caseId, CaseStepRequests.MoveOnSupportEnd request, NrmUser user) {
        commands.send(new EndMoveOnSupport(caseId, text(request.reason())), user.actor());
    }

    /**
     * The case's rules answer first (only a closed case is reopened). A case closed from outside the flow ends its
     * process shortly after (an asynchronous step); until then it cannot be taken up again, and the reopening is rolled
     * back whole.
     */
    @Transactional
    public void reopen(String caseId, CaseStepRequests.Reopening request, NrmUser user) {
        boolean closureStillRunning = processes.isRunning(caseId);
        commands.send(new ReopenCase(caseId, text(request.reason())), user.actor());
        if (closureStillRunning) {
            throw new CaseRuleViolation("closure-in-progress",
                    "The case's closure is still being carried out by the mechanism; try again shortly.");
        }
    }

    @Transactional
    public void renewResidencePermit(String caseId, CaseStepRequests.PermitRenewal request, NrmUser user) {
        var validUntil = new CompletionInput(Map.of("validUntil", request.validUntil()))
                .requiredMoment("validUntil", jurisdiction.zone());
        commands.send(new RenewResidencePermit(permitInForce(caseId), validUntil), user.actor());
    }

    @Transactional
    public void revokeResidencePermit(String caseId, CaseStepRequests.PermitRevocation request, NrmUser user) {
        commands.send(new RevokeResidencePermit(permitInForce(caseId), text(request.reasons())), user.actor());
    }

    private String permitInForce(String caseId) {
        return processes.permitInForce(caseId).orElseThrow(() -> new CaseRuleViolation("no-permit-in-force",
                "No residence permit is in force on this case (none granted, or it expired, was revoked, or the case "
                        + "is closed)."));
    }

    private static PersonalText text(String text) {
        return text == null || text.isBlank() ? null : new PersonalText(text.strip());
    }
}
