package uk.nhs.opd.pathway.command.privacy;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param masterKey base64 of the 32-byte AES key that wraps every person's data key ({@code PATHWAY_CRYPTO_MASTER_KEY});
 *                  from the deployment's secret store in production, made per machine by local mode
 */
@ConfigurationProperties("pathway.crypto")
record CryptoProperties(String masterKey) {
}
