package org.nrm.app.supportplan;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.nrm.referral.api.SupportNeed;

/** Bodies of the support plan and service referral endpoints. Every free-text field is personal data (sealed). */
public final class SupportRequests {

    private SupportRequests() {
    }

    /** A need assessed on the plan, with optional notes. */
    public record Need(@NotNull SupportNeed need, @Size(max = 2_000) String notes) {
    }

    /** A need referred to a provider of the directory; {@code note} reaches the provider only with consent. */
    public record Referral(@NotNull SupportNeed need, @NotBlank @Size(max = 100) String providerId,
                           @Size(max = 2_000) String note) {
    }

    /** A review of the plan, with optional notes. */
    public record Review(@Size(max = 2_000) String notes) {
    }

    /** The provider's reason for declining (required). */
    public record Decline(@NotBlank @Size(max = 2_000) String reason) {
    }

    /** Optional notes of a delivery or a closure. */
    public record Notes(@Size(max = 2_000) String notes) {
    }
}
