package org.nrm.app.cases;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.nrm.app.referral.ReferralRequest;
import org.nrm.referral.api.ClosureCategory;
import org.nrm.referral.api.ErasureGround;
import org.nrm.referral.api.ReconsiderationGround;

/** Bodies of the steps taken on a case outside a task. */
public final class CaseRequests {

    private CaseRequests() {
    }

    public record Reconsideration(@NotNull ReconsiderationGround ground, @Size(max = 10_000) String explanation) {
    }

    public record Consent(@NotNull @Valid ReferralRequest.Person person, Boolean needsAccommodation,
                          @Size(max = 20_000) String narrative) {
    }

    public record RecoveryPeriodExtension(@NotNull @Min(1) @Max(365) Integer days,
                                          @NotBlank @Size(max = 2_000) String reason) {
    }

    /**
     * {@code ground} (optional, default OTHER) stays readable after the erasure; {@code reason} is personal data and
     * is erased with the rest of the person's data.
     */
    public record Erasure(ErasureGround ground, @NotBlank @Size(max = 2_000) String reason) {
    }

    /** {@code category}: required (the oversight publishes closures by category; none is guessed). */
    public record Closure(@jakarta.validation.constraints.NotNull ClosureCategory category,
                          @NotBlank @Size(max = 2_000) String reason) {
    }
}
