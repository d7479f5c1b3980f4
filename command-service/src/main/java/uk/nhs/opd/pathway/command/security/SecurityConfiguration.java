package uk.nhs.opd.pathway.command.security;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import uk.nhs.opd.pathway.support.HttpEdgeConfiguration;
import uk.nhs.opd.pathway.support.PathwaySecurity;
import uk.nhs.opd.pathway.support.SecurityProperties;

/**
 * Who may do what on the command side: WRITER posts commands, ADMIN erases and reads the actuator; only the health
 * probe is open.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SecurityProperties.class)
@Import(HttpEdgeConfiguration.class)
class SecurityConfiguration {

    @Bean
    SecurityFilterChain commandSecurity(HttpSecurity http, SecurityProperties properties) throws Exception {
        return PathwaySecurity.chain(http, properties, requests -> requests
                .requestMatchers("/api/admin/**").hasRole(PathwaySecurity.ADMIN)
                .requestMatchers("/api/**").hasRole(PathwaySecurity.WRITER)
                .anyRequest().hasRole(PathwaySecurity.ADMIN));
    }
}
