package org.nrm.app.idempotency;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

/** {@link IdempotencyFilter} on every {@code /api} request, after Spring Security has named the user. */
@Configuration(proxyBeanMethods = false)
public class IdempotencyConfiguration {

    @Bean
    FilterRegistrationBean<IdempotencyFilter> idempotencyFilter(JdbcTemplate jdbc,
                                                                PlatformTransactionManager transactions,
                                                                ObjectMapper mapper, Clock clock,
                                                                @Value("${nrm.idempotency.wait-seconds:30}") long wait) {
        var registration = new FilterRegistrationBean<>(new IdempotencyFilter(jdbc, transactions, mapper, clock,
                Duration.ofSeconds(wait)));
        registration.addUrlPatterns("/api/*");
        registration.setOrder(20); // after Spring Security's filter chain (-100) and the sign-in recorder (10)
        return registration;
    }

    @Bean
    IdempotencyKeys idempotencyKeys(JdbcTemplate jdbc, Clock clock) {
        return new IdempotencyKeys(jdbc, clock);
    }
}
