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
import org.nrm.referral.api.ExploitationLocation;
import org.nrm.referral.api.ExploitationType;
import org.nrm.referral.api.Gender;
import org.nrm.referral.api.Indicator;

/** The body of {@code POST /api/referrals} (public contract). */
public record ReferralRequest(@NotNull @Valid Person person,
                              @NotEmpty @Size(max = 10) Set<@NotNull ExploitationType> exploitationTypes,
                              ExploitationLocation exploitationLocation,
                              @Size(max = 30) Set<@NotNull Indicator> indicators,
                              @NotNull Boolean consentToReferral,
                              Boolean needsAccommodation,
                              @Size(max = 20_000) String narrative) {

    public record Person(@Size(max = 200) String givenName,
                         @Size(max = 200) String familyName,
                         @PastOrPresent LocalDate birthDate,
                         Boolean ageUncertain,
                         Gender gender,
                         @Size(max = 5) List<@NotNull String> citizenships,
                         @Size(max = 10) List<@NotNull String> languages) {

        @AssertTrue(message = "must be ISO 3166-1 alpha-2 country codes (e.g. VN)")
        public boolean isCitizenshipsValid() {
            return citizenships == null || citizenships.stream().allMatch(IsoCodes::isCountry);
        }

        @AssertTrue(message = "must be ISO 639-2 language codes (e.g. vie)")
        public boolean isLanguagesValid() {
            return languages == null || languages.stream().allMatch(IsoCodes::isLanguage);
        }

        @AssertTrue(message = "must not be before 1900-01-01")
        public boolean isBirthDateValid() {
            return birthDate == null || !birthDate.isBefore(LocalDate.of(1900, 1, 1));
        }
    }
}
