package uk.nhs.opd.pathway.query.evaluation;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Keyed, stable pseudonyms for evaluators: HMAC-SHA256 of the person id under a secret key, so the same person has
 * the same pseudonym in every export, and nobody without the key can go back (or test a guess). Referral ids get
 * one too, per person: services choose them, so they may carry another identifier (a CRN, a case number).
 */
@Component
public class Pseudonyms {

    private final SecretKeySpec key;

    Pseudonyms(@Value("${pathway.evaluation.pseudonym-key:}") String key) {
        if (key == null || key.length() < 32) {
            throw new IllegalStateException("Set PATHWAY_EVALUATION_PSEUDONYM_KEY (a secret of at least 32 characters)");
        }
        this.key = new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    public String of(String personId) {
        return "PSN-" + hmac(personId);
    }

    /** The pseudonym of a person's referral: the same referral id of the same person always gives the same one. */
    public String ofReferral(String personId, String referralId) {
        return "REF-" + hmac("referral\u0000" + personId + "\u0000" + referralId);
    }

    private String hmac(String value) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return HexFormat.of().formatHex(mac.doFinal(value.getBytes(StandardCharsets.UTF_8))).substring(0, 24);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
