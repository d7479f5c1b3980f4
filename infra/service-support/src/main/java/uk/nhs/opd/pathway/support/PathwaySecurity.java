package uk.nhs.opd.pathway.support;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import org.springframework.core.convert.converter.Converter;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * The platform's bearer-token security, shared by both services: how tokens are checked, how their roles become
 * authorities ({@code ROLE_WRITER} ...), and 401 / 403 as problem+json.
 */
public final class PathwaySecurity {

    public static final String WRITER = "WRITER";
    public static final String READER = "READER";
    public static final String EVALUATOR = "EVALUATOR";
    public static final String ADMIN = "ADMIN";

    private PathwaySecurity() {
    }

    /**
     * The security every service has: stateless bearer tokens checked by {@link #decoder}, roles from the token,
     * 401 / 403 as problem+json, the health probe open; {@code rules} says which role may call which path, and
     * should end with a rule for any other request.
     */
    public static SecurityFilterChain chain(HttpSecurity http, SecurityProperties properties,
            Customizer<AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry> rules)
            throws Exception {
        http.csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(requests -> {
                    requests.dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
                            .requestMatchers("/actuator/health", "/actuator/health/**").permitAll();
                    rules.customize(requests);
                })
                .oauth2ResourceServer(server -> server
                        .jwt(jwt -> jwt.decoder(decoder(properties)).jwtAuthenticationConverter(roles(properties)))
                        .authenticationEntryPoint(unauthenticated())
                        .accessDeniedHandler(forbidden()))
                .exceptionHandling(errors -> errors.authenticationEntryPoint(unauthenticated()).accessDeniedHandler(forbidden()));
        return http.build();
    }

    /** Checks signature, expiry and issuer; the key comes from the JWKS endpoint or the configured public key. */
    public static JwtDecoder decoder(SecurityProperties properties) {
        NimbusJwtDecoder decoder = properties.jwkSetUri() != null && !properties.jwkSetUri().isBlank()
                ? NimbusJwtDecoder.withJwkSetUri(properties.jwkSetUri()).build()
                : NimbusJwtDecoder.withPublicKey(publicKey(properties)).build();
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(JwtValidators.createDefaultWithIssuer(properties.issuer())));
        return decoder;
    }

    /** The caller's roles claim as {@code ROLE_*} authorities; the subject is the principal. */
    public static Converter<Jwt, AbstractAuthenticationToken> roles(SecurityProperties properties) {
        return jwt -> {
            List<String> roles = jwt.getClaimAsStringList(properties.rolesClaim());
            Collection<GrantedAuthority> authorities = roles == null ? List.of()
                    : roles.stream().<GrantedAuthority>map(role -> new SimpleGrantedAuthority("ROLE_" + role)).toList();
            return new JwtAuthenticationToken(jwt, authorities, jwt.getSubject());
        };
    }

    public static AuthenticationEntryPoint unauthenticated() {
        return (request, response, e) -> write(response, HttpStatus.UNAUTHORIZED, "UNAUTHENTICATED",
                "A valid bearer token is required");
    }

    public static AccessDeniedHandler forbidden() {
        return (request, response, e) -> write(response, HttpStatus.FORBIDDEN, "FORBIDDEN",
                "This role may not do that");
    }

    private static void write(HttpServletResponse response, HttpStatus status, String code, String detail) throws IOException {
        if (status == HttpStatus.UNAUTHORIZED) {
            response.setHeader("WWW-Authenticate", "Bearer");
        }
        Problems.write(response, Problems.problem(status, code, detail));
    }

    private static RSAPublicKey publicKey(SecurityProperties properties) {
        if (properties.publicKey() == null) {
            throw new IllegalStateException("Set pathway.security.jwt.jwk-set-uri or pathway.security.jwt.public-key");
        }
        try (InputStream in = properties.publicKey().getInputStream()) {
            String pem = new String(in.readAllBytes(), StandardCharsets.US_ASCII)
                    .replaceAll("-----(BEGIN|END) PUBLIC KEY-----", "").replaceAll("\\s", "");
            return (RSAPublicKey) KeyFactory.getInstance("RSA")
                    .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(pem)));
        } catch (IOException | java.security.GeneralSecurityException e) {
            throw new IllegalStateException("Cannot read the JWT public key " + properties.publicKey(), e);
        }
    }
}
