package uk.nhs.opd.pathway.query.evaluation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * What of an event's payload evaluators may see. The personal part is left out altogether; free text written by
 * staff (reasons, notes, justifications) may name people or places, so only whether it was given is kept; exact
 * sentence dates single a person out, so they are reduced to the month; referral ids are chosen by services and may
 * carry another identifier, so they are replaced by pseudonyms. Everything else in a payload is a code from the
 * contract's vocabularies or an id of a service or place.
 */
final class EvaluationRedaction {

    /** Marks a free-text field that was given; a field that was not given stays null. */
    static final String WITHHELD = "[free text withheld]";

    /** Per event type, the payload fields that are free text. */
    static final Map<String, Set<String>> FREE_TEXT = Map.ofEntries(
            Map.entry("PersonScreened", Set.of("overrideJustification")),
            Map.entry("ReferralMade", Set.of("reason")),
            Map.entry("ReferralRejected", Set.of("reason")),
            Map.entry("ReferralWithdrawn", Set.of("reason")),
            Map.entry("ReferralTransferred", Set.of("reason")),
            Map.entry("PersonAdmitted", Set.of("capacityOverrideReason")),
            Map.entry("PersonDeselected", Set.of("notes")),
            Map.entry("PersonRecalled", Set.of("reason")),
            Map.entry("PathwayExited", Set.of("reason")),
            Map.entry("EventRetracted", Set.of("reason")),
            Map.entry("PersonalDataErased", Set.of("reason")));

    /** Fields holding a referral id, replaced by its pseudonym. */
    static final Set<String> REFERRAL_IDS = Set.of("referralId", "newReferralId", "toReferralId");

    /** Dates that are reduced to their month ({@code 2027-03-14} becomes {@code 2027-03}). */
    static final Set<String> MONTH_ONLY = Set.of("tariffExpiryDate", "earliestReleaseDate");

    private EvaluationRedaction() {
    }

    /** A redacted copy of {@code payload}, referral ids given by {@code referralPseudonym}; the original is not changed. */
    static ObjectNode redact(String type, JsonNode payload, UnaryOperator<String> referralPseudonym) {
        ObjectNode redacted = payload.deepCopy();
        redacted.remove("personal");
        for (String field : REFERRAL_IDS) {
            JsonNode value = redacted.get(field);
            if (value != null && value.isTextual()) {
                redacted.put(field, referralPseudonym.apply(value.asText()));
            }
        }
        for (String field : FREE_TEXT.getOrDefault(type, Set.of())) {
            JsonNode value = redacted.get(field);
            if (value != null && !value.isNull()) {
                redacted.put(field, WITHHELD);
            }
        }
        for (String field : MONTH_ONLY) {
            JsonNode value = redacted.get(field);
            if (value != null && value.isTextual() && value.asText().length() >= 7) {
                redacted.put(field, value.asText().substring(0, 7));
            }
        }
        return redacted;
    }
}
