package org.nrm.app.referral;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The screening aid's indicator lists ({@code nrm.jurisdiction.screening.*}), codes of the jurisdiction: the acts, the
 * means and the purposes of the UN Trafficking Protocol's article 3, and the indicators of smuggling.
 */
@ConfigurationProperties("nrm.jurisdiction.screening")
public record ScreeningProperties(List<String> acts, List<String> means, List<String> purposes,
                                  List<String> smuggling) {

    public ScreeningProperties {
        acts = acts == null ? List.of() : List.copyOf(acts);
        means = means == null ? List.of() : List.copyOf(means);
        purposes = purposes == null ? List.of() : List.copyOf(purposes);
        smuggling = smuggling == null ? List.of() : List.copyOf(smuggling);
    }
}
