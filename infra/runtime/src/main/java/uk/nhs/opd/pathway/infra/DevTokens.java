package uk.nhs.opd.pathway.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * LOCAL-ONLY DEVELOPMENT KEYS. Issues RS256 bearer tokens for local mode and tests from a key pair kept in a
 * directory of its own ({@code .pathway/jwt/} in local mode); production tokens come from a real identity provider.
 */
public final class DevTokens {

    /** The issuer local mode and tests put in tokens and the services expect by default. */
    public static final String ISSUER = "opd-pathway-local";

    private final PrivateKey privateKey;
    private final Path publicKeyFile;

    private DevTokens(PrivateKey privateKey, Path publicKeyFile) {
        this.privateKey = privateKey;
        this.publicKeyFile = publicKeyFile;
    }

    /** Loads the key pair in {@code directory}, making one on first use. */
    public static DevTokens in(Path directory) {
        try {
            Files.createDirectories(directory);
            Path privateFile = directory.resolve("private-key.pem");
            Path publicFile = directory.resolve("public-key.pem");
            if (!Files.exists(privateFile) || !Files.exists(publicFile)) {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048);
                KeyPair pair = generator.generateKeyPair();
                Files.writeString(privateFile, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
                Files.writeString(publicFile, pem("PUBLIC KEY", pair.getPublic().getEncoded()));
            }
            byte[] der = Base64.getMimeDecoder().decode(Files.readString(privateFile)
                    .replaceAll("-----(BEGIN|END) PRIVATE KEY-----", ""));
            PrivateKey key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
            return new DevTokens(key, publicFile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot make development keys", e);
        }
    }

    /** The PEM public key the services check tokens with. */
    public Path publicKeyFile() {
        return publicKeyFile;
    }

    /** A token for {@code subject} with these roles, valid for {@code validity}. */
    public String token(String subject, Duration validity, String... roles) {
        Instant now = Instant.now();
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", ISSUER);
        claims.put("sub", subject);
        claims.put("iat", now.getEpochSecond());
        claims.put("exp", now.plus(validity).getEpochSecond());
        claims.put("roles", List.of(roles));
        String header = base64Url("{\"alg\":\"RS256\",\"typ\":\"JWT\"}");
        String payload = base64Url(json(claims));
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(privateKey);
            signature.update((header + "." + payload).getBytes(StandardCharsets.US_ASCII));
            return header + "." + payload + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot sign a development token", e);
        }
    }

    /** One token per role, as local mode writes them to {@code local-tokens.json}. */
    public Map<String, String> tokenPerRole(Duration validity) {
        Map<String, String> tokens = new LinkedHashMap<>();
        for (String role : List.of("WRITER", "READER", "EVALUATOR", "ADMIN")) {
            tokens.put(role.toLowerCase(), token("local-" + role.toLowerCase(), validity, role));
        }
        return tokens;
    }

    /** The tokens as the JSON of {@code local-tokens.json}. */
    public static String json(Map<String, ?> values) {
        return values.entrySet().stream()
                .map(e -> "\"" + e.getKey() + "\":" + (e.getValue() instanceof String s ? "\"" + s + "\""
                        : e.getValue() instanceof List<?> list
                        ? list.stream().map(v -> "\"" + v + "\"").collect(Collectors.joining(",", "[", "]"))
                        : String.valueOf(e.getValue())))
                .collect(Collectors.joining(",", "{", "}"));
    }

    private static String base64Url(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der) + "\n-----END " + type + "-----\n";
    }
}
