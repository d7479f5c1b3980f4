package uk.nhs.opd.pathway.events.vocabulary;

/**
 * Personal data as events carry it: a {@link PersonalDetails} encrypted with the person's own data key (AES-GCM),
 * {@code v1.<base64 of iv, ciphertext and tag>}. Deleting the key erases it everywhere the event was copied.
 */
public record SealedPersonalData(String sealed) {
    @Override
    public String toString() {
        return "SealedPersonalData[" + (sealed == null ? 0 : sealed.length()) + " chars]";
    }
}
