package org.nrm.app.reports;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The rate limit on anonymous reports, after Spring Security (which names a signed-in operator) and before the
 * idempotency filter (order 20). */
@Configuration(proxyBeanMethods = false)
class PublicReportConfiguration {

    @Bean
    PublicReportRateLimit publicReportRateLimit(PublicReportProperties properties, Clock clock, ObjectMapper mapper) {
        return new PublicReportRateLimit(properties.rateLimit(), clock, mapper);
    }

    @Bean
    FilterRegistrationBean<PublicReportRateLimit> publicReportRateLimitFilter(PublicReportRateLimit limit) {
        var registration = new FilterRegistrationBean<>(limit);
        registration.addUrlPatterns("/api/reports", "/report");
        registration.setOrder(15);
        return registration;
    }
}
