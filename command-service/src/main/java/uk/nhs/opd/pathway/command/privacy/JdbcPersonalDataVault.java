package uk.nhs.opd.pathway.command.privacy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import uk.nhs.opd.pathway.events.EventJson;
import uk.nhs.opd.pathway.events.vocabulary.PersonalDetails;
import uk.nhs.opd.pathway.events.vocabulary.SealedPersonalData;

/**
 * Data keys in {@code person_key}, each AES-256 and wrapped (AES-GCM) by the master key; personal data sealed with
 * AES-GCM under the person's key. The person id is authenticated data of both, so a sealed value or a wrapped key
 * copied to another person does not open.
 */
@Component
class JdbcPersonalDataVault implements PersonalDataVault {

    private static final Logger log = LoggerFactory.getLogger(JdbcPersonalDataVault.class);

    private static final String VERSION = "v1.";
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final JdbcClient jdbc;
    private final SecretKey masterKey;
    private final SecureRandom random = new SecureRandom();

    JdbcPersonalDataVault(JdbcClient jdbc, CryptoProperties properties) {
        this.jdbc = jdbc;
        if (properties.masterKey() == null || properties.masterKey().isBlank()) {
            throw new IllegalStateException("Set PATHWAY_CRYPTO_MASTER_KEY (base64 of 32 random bytes) to seal personal data");
        }
        byte[] key = Base64.getDecoder().decode(properties.masterKey().trim());
        if (key.length != 32) {
            throw new IllegalStateException("PATHWAY_CRYPTO_MASTER_KEY must be 32 bytes, base64-encoded");
        }
        this.masterKey = new SecretKeySpec(key, "AES");
    }

    @Override
    public SealedPersonalData seal(String personId, PersonalDetails personal) {
        SecretKey key = dataKey(personId).orElseGet(() -> newDataKey(personId));
        byte[] clear = EventJson.mapper().valueToTree(personal).toString().getBytes(StandardCharsets.UTF_8);
        return new SealedPersonalData(VERSION + Base64.getEncoder().encodeToString(encrypt(key, clear, personId)));
    }

    @Override
    public Optional<PersonalDetails> open(String personId, SealedPersonalData sealed) {
        if (sealed == null || sealed.sealed() == null || !sealed.sealed().startsWith(VERSION)) {
            return Optional.empty();
        }
        return dataKey(personId).flatMap(key -> {
            byte[] clear;
            try {
                clear = decrypt(key, Base64.getDecoder().decode(sealed.sealed().substring(VERSION.length())), personId);
            } catch (IllegalArgumentException | IllegalStateException stale) {
                // Sealed with a key that no longer exists (or not sealed by us at all): as unreadable as erased data.
                log.warn("Sealed personal data of a person does not open with their current key; treated as erased");
                return Optional.empty();
            }
            try {
                return Optional.of(EventJson.mapper().readValue(clear, PersonalDetails.class));
            } catch (java.io.IOException e) {
                throw new IllegalStateException("Sealed personal data of an unknown shape", e);
            }
        });
    }

    @Override
    public boolean erase(String personId) {
        return jdbc.sql("DELETE FROM person_key WHERE person_id = ?").param(personId).update() > 0;
    }

    private Optional<SecretKey> dataKey(String personId) {
        return jdbc.sql("SELECT wrapped_key FROM person_key WHERE person_id = ?").param(personId)
                .query((row, n) -> row.getBytes(1)).optional()
                .map(wrapped -> new SecretKeySpec(decrypt(masterKey, wrapped, personId), "AES"));
    }

    private SecretKey newDataKey(String personId) {
        try {
            KeyGenerator generator = KeyGenerator.getInstance("AES");
            generator.init(256, random);
            SecretKey key = generator.generateKey();
            jdbc.sql("INSERT INTO person_key (person_id, wrapped_key) VALUES (?, ?) ON CONFLICT (person_id) DO NOTHING")
                    .params(personId, encrypt(masterKey, key.getEncoded(), personId)).update();
            return dataKey(personId).orElseThrow();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot make a data key", e);
        }
    }

    private byte[] encrypt(SecretKey key, byte[] clear, String personId) {
        try {
            byte[] iv = new byte[IV_BYTES];
            random.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(personId.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(clear);
            return ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Encryption failed", e);
        }
    }

    private static byte[] decrypt(SecretKey key, byte[] ivAndSealed, String personId) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, ivAndSealed, 0, IV_BYTES));
            cipher.updateAAD(personId.getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(ivAndSealed, IV_BYTES, ivAndSealed.length - IV_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Sealed data does not open with this key", e);
        }
    }
}
