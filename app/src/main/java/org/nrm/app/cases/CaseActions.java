package org.nrm.app.cases;

import org.nrm.app.config.JurisdictionProperties;
import org.nrm.app.protection.SubjectKeys;
import org.nrm.app.security.NrmUser;
import org.nrm.referral.api.ErasePersonalData;
import org.nrm.referral.api.ErasureGround;
import org.nrm.referral.api.ClosureCategory;
import org.nrm.referral.api.CloseCase;
import org.nrm.referral.api.ExtendRecoveryPeriod;
import org.nrm.referral.api.GiveConsent;
import org.nrm.referral.api.PersonalDetails;
import org.nrm.referral.api.PersonalText;
import org.nrm.referral.api.RequestReconsideration;
import org.nrm.workflow.CommandSender;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Steps on a case that are not a task of the caller's queue. Each is one command in one transaction. */
@Service
public class CaseActions {

    private final CommandSender commands;
    private final JurisdictionProperties jurisdiction;
    private final SubjectKeys keys;

    private final org.springframework.jdbc.core.JdbcTemplate jdbc;

    public CaseActions(CommandSender commands, JurisdictionProperties jurisdiction, SubjectKeys keys,
                       org.springframework.jdbc.core.JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.commands = commands;
        this.jurisdiction = jurisdiction;
        this.keys = keys;
    }

    /**
     * Crypto-shredding: records the erasure on the case, then destroys the person's key (and the key of the report
     * from the public the case came from, if any), in one transaction. The history keeps every step; personal fields
     * read as erased from now on, wherever they are shown.
     */
    @Transactional
    public void erasePersonalData(String caseId, CaseRequests.Erasure request, NrmUser user) {
        commands.send(new ErasePersonalData(caseId,
                request.ground() == null ? ErasureGround.OTHER : request.ground(), request.reason()), user.actor());
        keys.erase(caseId, user.userId());
        // the report from the public the case came from may describe the person: its key goes with the person's
        for (String reportId : jdbc.queryForList("SELECT report_id FROM public_report WHERE case_id = ?", String.class,
                caseId)) {
            keys.erase(org.nrm.app.protection.PersonalDataModule.REPORT_SUBJECT + reportId, user.userId());
        }
    }

    @Transactional
    public void requestReconsideration(String caseId, CaseRequests.Reconsideration request, NrmUser user) {
        commands.send(new RequestReconsideration(caseId, request.ground(),
                request.explanation() == null ? null : new PersonalText(request.explanation()), user.agency(),
                jurisdiction.agencies().getOrDefault(user.agency(), java.util.Set.of())), user.actor());
    }

    @Transactional
    public void giveConsent(String caseId, CaseRequests.Consent request, NrmUser user) {
        var person = request.person();
        commands.send(new GiveConsent(caseId, new PersonalDetails(person.givenName(), person.familyName(),
                person.birthDate(), request.narrative()), Boolean.TRUE.equals(request.needsAccommodation())),
                user.actor());
    }

    @Transactional
    public void extendRecoveryPeriod(String caseId, CaseRequests.RecoveryPeriodExtension request, NrmUser user) {
        commands.send(new ExtendRecoveryPeriod(caseId, request.days(), request.reason()), user.actor());
    }

    @Transactional
    public void close(String caseId, CaseRequests.Closure request, NrmUser user) {
        commands.send(new CloseCase(caseId, request.category() == null ? ClosureCategory.OTHER : request.category(),
                request.reason()), user.actor());
    }
}
