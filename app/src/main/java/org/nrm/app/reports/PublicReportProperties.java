package org.nrm.app.reports;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Reports from the public ({@code nrm.jurisdiction.public-reports.*}): the awareness campaigns a report may name ({@code campaigns}, codes), and the rate limit on anonymous
 * reports per client address ({@code rate-limit.requests} within {@code rate-limit.window}).
 */
@ConfigurationProperties("nrm.jurisdiction.public-reports")
public record PublicReportProperties(List<String> campaigns,
                                     @DefaultValue RateLimit rateLimit) {

    public PublicReportProperties {
        campaigns = campaigns == null ? List.of() : List.copyOf(campaigns);
    }

    public record RateLimit(@DefaultValue("5") int requests, @DefaultValue("PT10M") Duration window) {
    }
}
