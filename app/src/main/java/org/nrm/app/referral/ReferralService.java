package org.nrm.app.referral;

import java.time.Clock;
import java.time.LocalDate;
import java.util.UUID;
import org.nrm.app.config.JurisdictionProperties;
import org.nrm.app.security.NrmUser;
import org.nrm.referral.api.AgeBand;
import org.nrm.referral.api.AgeGroup;
import org.nrm.referral.api.Exploitation;
import org.nrm.referral.api.ExploitationDetails;
import org.nrm.referral.api.ExploitationDuration;
import org.nrm.referral.api.Gender;
import org.nrm.referral.api.PersonProfile;
import org.nrm.referral.api.PersonalDetails;
import org.nrm.referral.api.RecordScreening;
import org.nrm.referral.api.Screening;
import org.nrm.referral.api.SubmitReferral;
import org.nrm.referral.model.CaseState;
import org.nrm.referral.model.JurisdictionRules;
import org.nrm.workflow.CommandSender;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Refers a person: splits the request into personal data and non-personal facts and submits it as one command. */
@Service
public class ReferralService {

    private final CommandSender commands;
    private final JdbcTemplate jdbc;
    private final JurisdictionProperties jurisdiction;
    private final JurisdictionRules rules;
    private final Clock clock;
    private final ScreeningCodes screeningCodes;

    public ReferralService(CommandSender commands, JdbcTemplate jdbc, JurisdictionProperties jurisdiction,
                           JurisdictionRules rules, Clock clock, ScreeningCodes screeningCodes) {
        this.screeningCodes = screeningCodes;
        this.commands = commands;
        this.jdbc = jdbc;
        this.jurisdiction = jurisdiction;
        this.rules = rules;
        this.clock = clock;
    }

    /** A case's public reference: {@code NRM-<year>-<number>}, the number from {@code case_reference_seq}. */
    public static String reference(int year, long number) {
        return "NRM-%d-%06d".formatted(year, number);
    }

    /**
     * The circumstances of the exploitation as the event keeps them in clear: the age band at its start derived from
     * the birth date and {@code startedOn} where both are known (else as given), the duration band from {@code
     * startedOn} and {@code endedOn} where both are known (else as given). The dates themselves are personal data:
     * they travel sealed in the person's {@link PersonalDetails} (see {@link #personalDetails}), never here.
     * {@code null} when the referral gave none.
     */
    static ExploitationDetails details(ReferralRequest.ExploitationDetails d, LocalDate birthDate) {
        if (d == null) {
            return null;
        }
        AgeBand derivedAge = AgeBand.at(birthDate, d.startedOn());
        ExploitationDuration derivedDuration = ExploitationDuration.between(d.startedOn(), d.endedOn());
        return new ExploitationDetails(derivedAge != null ? derivedAge : d.ageAtExploitation(),
                derivedDuration != null ? derivedDuration : d.duration(),
                d.countriesOfExploitation() == null ? null : d.countriesOfExploitation().stream().distinct().toList(),
                d.recruiterRelations(), d.recruitmentMethods(), d.labourSectors(), d.sexualExploitationForms());
    }

    /** The person's personal data, the dates of the exploitation among them (sealed with the person's key). */
    static PersonalDetails personalDetails(ReferralRequest request) {
        var person = request.person();
        var d = request.exploitationDetails();
        return new PersonalDetails(person.givenName(), person.familyName(), person.birthDate(), request.narrative(),
                d == null ? null : d.startedOn(), d == null ? null : d.endedOn());
    }

    @Transactional
    public ReferralReceipt refer(ReferralRequest request, NrmUser user) {
        var person = request.person();
        LocalDate today = LocalDate.now(clock.withZone(jurisdiction.zone()));
        AgeGroup ageGroup = rules.ageGroup(person.birthDate(), today);
        boolean ageUncertain = Boolean.TRUE.equals(person.ageUncertain());
        var profile = new PersonProfile(person.gender() == null ? Gender.UNKNOWN : person.gender(), ageGroup,
                ageUncertain, person.citizenships(), person.languages());
        var details = personalDetails(request);
        if (request.screening() != null) {
            screeningCodes.check(request.screening()); // before the reference is taken: a refusal leaves no gap
        }
        String caseId = UUID.randomUUID().toString();
        Long number = jdbc.queryForObject("SELECT nextval('case_reference_seq')", Long.class);
        String reference = reference(today.getYear(), number);
        commands.sendCreating(new SubmitReferral(caseId, reference, user.agency(), details, profile,
                new Exploitation(request.exploitationTypes(), request.exploitationLocation(), request.indicators()),
                request.consentToReferral(), Boolean.TRUE.equals(request.needsAccommodation()),
                details(request.exploitationDetails(), person.birthDate())), user.actor());
        if (request.screening() != null) {
            var s = request.screening();
            // in the referral's transaction: the case and its screening commit together
            commands.send(new RecordScreening(caseId, new Screening(s.acts(), s.means(), s.purposes(), s.smuggling())),
                    user.actor());
        }
        return new ReferralReceipt(caseId, reference,
                CaseState.openingStage(profile.presumedChild(), request.consentToReferral()).name());
    }
}
