package org.nrm.app.cases;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Set;
import org.nrm.referral.api.ConsentScope;

/** Bodies of the consent endpoints. The withdrawal's reason is free text: personal data, sealed with the person's key. */
public final class ConsentRequests {

    private ConsentRequests() {
    }

    /** The person consents to {@code scopes}; {@code agencies}: the agencies their data may be shared with. */
    public record Consent(@NotEmpty Set<@NotNull ConsentScope> scopes,
                          @Size(max = 50) List<@NotBlank @Size(max = 100) String> agencies) {
    }

    /** For data sharing, the agencies it no longer covers (none: all); an optional reason. */
    public record Withdrawal(@Size(max = 50) List<@NotBlank @Size(max = 100) String> agencies,
                             @Size(max = 2_000) String reason) {
    }
}
