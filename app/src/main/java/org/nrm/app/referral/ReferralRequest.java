package org.nrm.app.referral;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.nrm.referral.api.AgeBand;
import org.nrm.referral.api.ExploitationDuration;
import org.nrm.referral.api.ExploitationLocation;
import org.nrm.referral.api.ExploitationType;
import org.nrm.referral.api.Gender;
import org.nrm.referral.api.Indicator;
import org.nrm.referral.api.LabourSector;
import org.nrm.referral.api.RecruiterRelation;
import org.nrm.referral.api.RecruitmentMethod;
import org.nrm.referral.api.SexualExploitationForm;

/**
 * The body of {@code POST /api/referrals} (public contract). {@code exploitationDetails} is optional, and so is each
 * of its fields; its rules across the body are {@link ConsistentExploitationDetails}.
 */
@ConsistentExploitationDetails
public record ReferralRequest(@NotNull @Valid Person person,
                              @NotEmpty @Size(max = 10) Set<@NotNull ExploitationType> exploitationTypes,
                              ExploitationLocation exploitationLocation,
                              @Size(max = 30) Set<@NotNull Indicator> indicators,
                              @NotNull Boolean consentToReferral,
                              Boolean needsAccommodation,
                              @Size(max = 20_000) String narrative,
                              @Valid ExploitationDetails exploitationDetails,
                              @Valid ScreeningRequest screening) {

    /** The body as it was before {@code screening}. */
    public ReferralRequest(Person person, Set<ExploitationType> exploitationTypes,
                           ExploitationLocation exploitationLocation, Set<Indicator> indicators,
                           Boolean consentToReferral, Boolean needsAccommodation, String narrative,
                           ExploitationDetails exploitationDetails) {
        this(person, exploitationTypes, exploitationLocation, indicators, consentToReferral, needsAccommodation,
                narrative, exploitationDetails, null);
    }

    /**
     * The screening aid (trafficking or smuggling), optional: the indicators found of each element of the UN
     * Trafficking Protocol's article 3 ({@code acts}, {@code means}, {@code purposes}) and of smuggling, each a code of
     * the jurisdiction's lists ({@code nrm.jurisdiction.screening.*}, {@code GET /api/screening/indicators}); an unknown
     * code is refused naming its field ({@code ScreeningCodes}).
     */
    public record ScreeningRequest(@Size(max = 20) Set<@NotNull @Size(max = 64) String> acts,
                                   @Size(max = 20) Set<@NotNull @Size(max = 64) String> means,
                                   @Size(max = 20) Set<@NotNull @Size(max = 64) String> purposes,
                                   @Size(max = 20) Set<@NotNull @Size(max = 64) String> smuggling) {
    }

    /** The body as it was before {@code exploitationDetails}. */
    public ReferralRequest(Person person, Set<ExploitationType> exploitationTypes,
                           ExploitationLocation exploitationLocation, Set<Indicator> indicators,
                           Boolean consentToReferral, Boolean needsAccommodation, String narrative) {
        this(person, exploitationTypes, exploitationLocation, indicators, consentToReferral, needsAccommodation,
                narrative, null, null);
    }

    /**
     * HTCDS 2.0 / CTDC circumstances of the exploitation: the age band at its start (or derived from the birth date and
     * {@code startedOn}), its start and end (or a duration band), the countries abroad where it took place, the
     * relationship to the recruiter, how the person was recruited, the sectors of forced labour and the forms of
     * sexual exploitation.
     */
    public record ExploitationDetails(AgeBand ageAtExploitation,
                                      @PastOrPresent LocalDate startedOn,
                                      @PastOrPresent LocalDate endedOn,
                                      ExploitationDuration duration,
                                      @Size(max = 20) List<@NotNull @CountryCode String> countriesOfExploitation,
                                      @Size(max = 6) Set<@NotNull RecruiterRelation> recruiterRelations,
                                      @Size(max = 10) Set<@NotNull RecruitmentMethod> recruitmentMethods,
                                      @Size(max = 12) Set<@NotNull LabourSector> labourSectors,
                                      @Size(max = 4) Set<@NotNull SexualExploitationForm> sexualExploitationForms) {

        @io.swagger.v3.oas.annotations.media.Schema(hidden = true) // a check, not a property of the body
        @AssertTrue(message = "must not be before 1900-01-01")
        public boolean isStartedOnValid() {
            return startedOn == null || !startedOn.isBefore(LocalDate.of(1900, 1, 1));
        }

        @io.swagger.v3.oas.annotations.media.Schema(hidden = true) // a check, not a property of the body
        @AssertTrue(message = "must not be before startedOn nor before 1900-01-01")
        public boolean isEndedOnValid() {
            if (endedOn == null) {
                return true;
            }
            return !endedOn.isBefore(LocalDate.of(1900, 1, 1)) && (startedOn == null || !endedOn.isBefore(startedOn));
        }
    }

    public record Person(@Size(max = 200) String givenName,
                         @Size(max = 200) String familyName,
                         @PastOrPresent LocalDate birthDate,
                         Boolean ageUncertain,
                         Gender gender,
                         @Size(max = 5) List<@NotNull @CountryCode String> citizenships,
                         @Size(max = 10) List<@NotNull @LanguageCode String> languages) {

        @io.swagger.v3.oas.annotations.media.Schema(hidden = true) // a check, not a property of the body
        @AssertTrue(message = "must not be before 1900-01-01")
        public boolean isBirthDateValid() {
            return birthDate == null || !birthDate.isBefore(LocalDate.of(1900, 1, 1));
        }
    }
}
