package org.nrm.app.cases;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.nrm.referral.api.CooperationStatus;
import org.nrm.referral.api.JourneyStage;
import org.nrm.referral.api.Offence;
import org.nrm.referral.api.ProtectiveMeasure;
import org.nrm.referral.api.Verdict;

/** Bodies of the criminal case's steps and the journey (issue 17). Free text is personal data, sealed. */
public final class CriminalCaseRequests {

    private CriminalCaseRequests() {
    }

    /** The investigating agency is the caller's; {@code prosecutingAgency} must be a prosecution agency. */
    public record Investigation(@NotBlank @Size(max = 100) @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9 ./_-]*")
                                String reference,
                                @NotNull LocalDate openedOn,
                                @Size(max = 100) String prosecutingAgency) {
    }

    public record Cooperation(@NotNull CooperationStatus status) {
    }

    public record WitnessProtection(@NotNull Set<@NotNull ProtectiveMeasure> measures,
                                    @Size(max = 2_000) String notes) {
    }

    public record ProsecutionOutcome(@NotNull @Min(1) @Max(1_000) Integer suspectsCharged,
                                     @NotNull Offence offence,
                                     @NotNull Verdict verdict,
                                     @Min(0) @Max(1_200) Integer sentenceMonths,
                                     @DecimalMin("0") @Digits(integer = 12, fraction = 2) BigDecimal compensationOrdered,
                                     @Pattern(regexp = "[A-Z]{3}") String currency,
                                     LocalDate decidedOn) {

        /** The compensation's currency: an ISO 4217 code, given with an amount and only with one. */
        @io.swagger.v3.oas.annotations.media.Schema(hidden = true) // a check, not a property of the body
        @jakarta.validation.constraints.AssertTrue(message = "must be the ISO 4217 currency code (e.g. EUR) of "
                + "'compensationOrdered', given with it and only with it")
        public boolean isCurrencyValid() {
            if ((currency == null) != (compensationOrdered == null)) {
                return false;
            }
            return currency == null || !currency.matches("[A-Z]{3}") || java.util.Currency.getAvailableCurrencies()
                    .stream().anyMatch(known -> known.getCurrencyCode().equals(currency));
        }
    }

    /** A leg: its stage and country (ISO 3166-1 alpha-2, in clear), its place and dates (sealed). */
    public record Leg(@NotNull JourneyStage stage,
                      @NotNull @org.nrm.app.referral.CountryCode(
                              message = "must be an ISO 3166-1 alpha-2 country code (e.g. GB)")
                      @io.swagger.v3.oas.annotations.media.Schema(pattern = "[A-Z]{2}") String country,
                      @Size(max = 200) String place,
                      LocalDate arrivedOn,
                      LocalDate leftOn) {
    }

    public record Journey(@NotEmpty @Size(max = 50) List<@NotNull @Valid Leg> legs) {
    }
}
