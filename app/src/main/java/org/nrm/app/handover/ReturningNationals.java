package org.nrm.app.handover;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Clock;
import java.time.LocalDate;
import java.util.UUID;
import org.nrm.app.config.JurisdictionProperties;
import org.nrm.app.referral.ReferralRequest;
import org.nrm.app.referral.ReferralService;
import org.nrm.app.security.NrmUser;
import org.nrm.referral.api.DecisionAbroad;
import org.nrm.referral.api.DecisionKind;
import org.nrm.referral.api.Gender;
import org.nrm.referral.api.GroundsOutcome;
import org.nrm.referral.api.OpenReturningNationalCase;
import org.nrm.referral.api.PersonProfile;
import org.nrm.referral.api.PersonalDetails;
import org.nrm.referral.model.JurisdictionRules;
import org.nrm.workflow.CommandSender;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Opens a returning national's case by hand (the return organisation or the competent authority). */
@Service
public class ReturningNationals {

    /** {@code POST /api/returning-nationals}: the person and the decision taken abroad. */
    public record OpenRequest(@NotNull @Valid ReferralRequest.Person person, @NotNull @Valid Decision decisionAbroad,
                              @Size(max = 64) @Pattern(regexp = "[^\\p{Cntrl}]*") String sourceReference) {
    }

    public record Decision(@NotBlank @org.nrm.app.referral.CountryCode(
                                   message = "must be an ISO 3166-1 alpha-2 country code (e.g. GB)")
                           @io.swagger.v3.oas.annotations.media.Schema(pattern = "[A-Z]{2}") String sourceCountry,
                           @NotBlank @Size(max = 200) @Pattern(regexp = "[^\\p{Cntrl}]*") String decidingOrganisation,
                           @NotNull DecisionKind kind, @NotNull GroundsOutcome outcome,
                           @NotNull @PastOrPresent LocalDate decidedOn) {
    }

    public record Opened(String caseId, String reference) {
    }

    private final CommandSender commands;
    private final JdbcTemplate jdbc;
    private final JurisdictionProperties jurisdiction;
    private final JurisdictionRules rules;
    private final Clock clock;

    public ReturningNationals(CommandSender commands, JdbcTemplate jdbc, JurisdictionProperties jurisdiction,
                              JurisdictionRules rules, Clock clock) {
        this.commands = commands;
        this.jdbc = jdbc;
        this.jurisdiction = jurisdiction;
        this.rules = rules;
        this.clock = clock;
    }

    @Transactional
    public Opened open(OpenRequest request, NrmUser user) {
        var person = request.person();
        LocalDate today = LocalDate.now(clock.withZone(jurisdiction.zone()));
        var profile = new PersonProfile(person.gender() == null ? Gender.UNKNOWN : person.gender(),
                rules.ageGroup(person.birthDate(), today), Boolean.TRUE.equals(person.ageUncertain()),
                person.citizenships(), person.languages());
        var d = request.decisionAbroad();
        String caseId = UUID.randomUUID().toString();
        Long number = jdbc.queryForObject("SELECT nextval('case_reference_seq')", Long.class);
        String reference = ReferralService.reference(today.getYear(), number);
        commands.sendCreating(new OpenReturningNationalCase(caseId, reference, user.agency(),
                new PersonalDetails(person.givenName(), person.familyName(), person.birthDate(), null), profile,
                new DecisionAbroad(d.sourceCountry(), d.decidingOrganisation(), d.kind(), d.outcome(), d.decidedOn()),
                null, request.sourceReference()), user.actor());
        return new Opened(caseId, reference);
    }
}
