package uk.nhs.opd.pathway.query.security;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import uk.nhs.opd.pathway.support.HttpEdgeConfiguration;
import uk.nhs.opd.pathway.support.PathwaySecurity;
import uk.nhs.opd.pathway.support.SecurityProperties;

/**
 * Who may read what: READER the read API, EVALUATOR the pseudonymised export only, ADMIN replays, dead letters and
 * the actuator; only the health probe is open.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SecurityProperties.class)
@Import(HttpEdgeConfiguration.class)
class SecurityConfiguration {

    @Bean
    SecurityFilterChain querySecurity(HttpSecurity http, SecurityProperties properties) throws Exception {
        return PathwaySecurity.chain(http, properties, requests -> requests
                .requestMatchers("/api/admin/**").hasRole(PathwaySecurity.ADMIN)
                .requestMatchers("/api/evaluation/**").hasRole(PathwaySecurity.EVALUATOR)
                .requestMatchers(HttpMethod.GET, "/api/**").hasRole(PathwaySecurity.READER)
                .anyRequest().hasRole(PathwaySecurity.ADMIN));
    }
}
