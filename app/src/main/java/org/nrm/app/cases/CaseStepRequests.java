package org.nrm.app.cases;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.Set;
import org.nrm.referral.api.BorderCrossingDocuments;
import org.nrm.referral.api.DisqualificationGround;
import org.nrm.referral.api.ExploitationLocation;
import org.nrm.referral.api.ExploitationType;
import org.nrm.referral.api.GuardianReplacementGround;
import org.nrm.referral.api.Indicator;

/** Bodies of the steps of {@code CaseStepsController}. Free text is personal data: encrypted with the person's key. */
public final class CaseStepRequests {

    private CaseStepRequests() {
    }

    /** The identification as it now reads (it replaces the one recorded so far). */
    public record Identification(@NotEmpty Set<@NotNull ExploitationType> exploitationTypes,
                                 @NotNull ExploitationLocation exploitationLocation,
                                 @NotNull Set<@NotNull Indicator> indicators) {
    }

    /** {@code borderPoint}: where the person crossed (optional; a place, sealed). */
    public record TravelDocuments(@NotNull BorderCrossingDocuments documents, @Size(max = 2_000) String notes,
                                  @Size(max = 200) String borderPoint) {
    }

    public record GuardianReplacement(@NotBlank @Size(max = 200) String guardianName,
                                      @NotNull GuardianReplacementGround ground,
                                      @NotBlank @Size(max = 2_000) String reason) {
    }

    public record Disqualification(@NotNull DisqualificationGround ground,
                                   @NotBlank @Size(max = 10_000) String reasons) {
    }

    public record MoveOnSupportEnd(@NotBlank @Size(max = 2_000) String reason) {
    }

    public record Reopening(@NotBlank @Size(max = 2_000) String reason) {
    }

    /** {@code validUntil}: an ISO-8601 date (valid through that day) or instant, as at the grant. */
    public record PermitRenewal(@NotBlank @Size(max = 40) String validUntil) {
    }

    public record PermitRevocation(@NotBlank @Size(max = 10_000) String reasons) {
    }
}
