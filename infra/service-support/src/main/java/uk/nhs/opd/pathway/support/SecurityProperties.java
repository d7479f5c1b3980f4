package uk.nhs.opd.pathway.support;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.core.io.Resource;

/**
 * Where bearer tokens come from. Production names the identity provider's JWKS endpoint and issuer; local mode and
 * tests name a PEM public key (local-only development keys). Nothing is fetched at start-up: no discovery call.
 *
 * @param publicKey  an RSA public key (PEM), used when {@code jwkSetUri} is not set
 * @param jwkSetUri  the identity provider's JWKS endpoint
 * @param issuer     the {@code iss} every token must carry
 * @param rolesClaim the claim holding the caller's roles (WRITER, READER, EVALUATOR, ADMIN)
 */
@ConfigurationProperties("pathway.security.jwt")
public record SecurityProperties(Resource publicKey, String jwkSetUri, String issuer, String rolesClaim) {
}
