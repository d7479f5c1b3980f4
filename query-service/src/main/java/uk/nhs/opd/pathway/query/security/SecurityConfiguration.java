package uk.nhs.opd.pathway.query.security;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import uk.nhs.opd.pathway.support.PathwaySecurity;
import uk.nhs.opd.pathway.support.RequestSizeLimitFilter;
import uk.nhs.opd.pathway.support.SecurityProperties;

/**
 * Who may read what: READER the read API, EVALUATOR the pseudonymised export only, ADMIN replays, dead letters and
 * the actuator; only the health probe is open.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SecurityProperties.class)
class SecurityConfiguration {

    /** Reads carry no bodies and admin requests small ones; anything bigger is refused unread. */
    static final long MAX_REQUEST_BYTES = 64 * 1024;

    @Bean
    SecurityFilterChain querySecurity(HttpSecurity http, SecurityProperties properties) throws Exception {
        return PathwaySecurity.chain(http, properties, requests -> requests
                .requestMatchers("/api/admin/**").hasRole(PathwaySecurity.ADMIN)
                .requestMatchers("/api/evaluation/**").hasRole(PathwaySecurity.EVALUATOR)
                .requestMatchers(HttpMethod.GET, "/api/**").hasRole(PathwaySecurity.READER)
                .anyRequest().hasRole(PathwaySecurity.ADMIN));
    }

    @Bean
    FilterRegistrationBean<RequestSizeLimitFilter> requestSizeLimit() {
        return PathwaySecurity.requestSizeLimit(MAX_REQUEST_BYTES);
    }
}
