package org.nrm.app.cases;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import org.nrm.app.security.NrmUser;
import org.nrm.referral.api.JourneyLeg;
import org.nrm.referral.api.OpenInvestigation;
import org.nrm.referral.api.PersonalText;
import org.nrm.referral.api.RecordCooperation;
import org.nrm.referral.api.RecordJourney;
import org.nrm.referral.api.RecordProsecutionOutcome;
import org.nrm.referral.api.RecordWitnessProtection;
import org.nrm.workflow.CommandSender;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The criminal case's steps and the journey: each one command in one transaction; the domain's rules answer 409. */
@Service
public class CriminalCaseSteps {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final CommandSender commands;

    public CriminalCaseSteps(CommandSender commands) {
        this.commands = commands;
    }

    @Transactional
    public void openInvestigation(String caseId, CriminalCaseRequests.Investigation request, NrmUser user) {
        commands.send(new OpenInvestigation(caseId, user.agency(), blankToNull(request.prosecutingAgency()),
                request.reference().strip(), request.openedOn()), user.actor());
    }

    @Transactional
    public void recordCooperation(String caseId, CriminalCaseRequests.Cooperation request, NrmUser user) {
        commands.send(new RecordCooperation(caseId, request.status()), user.actor());
    }

    @Transactional
    public void recordWitnessProtection(String caseId, CriminalCaseRequests.WitnessProtection request, NrmUser user) {
        commands.send(new RecordWitnessProtection(caseId, request.measures(), text(request.notes())), user.actor());
    }

    @Transactional
    public void recordProsecutionOutcome(String caseId, CriminalCaseRequests.ProsecutionOutcome request,
                                         NrmUser user) {
        commands.send(new RecordProsecutionOutcome(caseId, request.suspectsCharged(), request.offence(),
                request.verdict(), request.sentenceMonths(), request.compensationOrdered(), request.currency(),
                request.decidedOn()), user.actor());
    }

    /** The legs' stages and countries in clear; their places and dates as one sealed text (JSON, leg by leg). */
    @Transactional
    public void recordJourney(String caseId, CriminalCaseRequests.Journey request, NrmUser user) {
        List<JourneyLeg> legs = request.legs().stream().map(l -> new JourneyLeg(l.stage(), l.country())).toList();
        List<Object> placesAndDates = request.legs().stream().map(l -> {
            var entry = new LinkedHashMap<String, Object>();
            entry.put("place", blankToNull(l.place()));
            entry.put("arrivedOn", l.arrivedOn() == null ? null : l.arrivedOn().toString());
            entry.put("leftOn", l.leftOn() == null ? null : l.leftOn().toString());
            return (Object) entry;
        }).toList();
        boolean any = request.legs().stream().anyMatch(l -> blankToNull(l.place()) != null || l.arrivedOn() != null
                || l.leftOn() != null);
        try {
            commands.send(new RecordJourney(caseId, legs,
                    any ? new PersonalText(JSON.writeValueAsString(placesAndDates)) : null), user.actor());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    private static PersonalText text(String text) {
        return text == null || text.isBlank() ? null : new PersonalText(text.strip());
    }
}
