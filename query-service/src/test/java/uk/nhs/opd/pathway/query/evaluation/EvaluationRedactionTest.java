package uk.nhs.opd.pathway.query.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.RecordComponent;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import uk.nhs.opd.pathway.events.EventJson;
import uk.nhs.opd.pathway.events.EventTypes;
import uk.nhs.opd.pathway.events.PersonAdmitted;
import uk.nhs.opd.pathway.events.PersonRegistered;
import uk.nhs.opd.pathway.events.ReferralMade;
import uk.nhs.opd.pathway.events.StreamKind;
import uk.nhs.opd.pathway.events.vocabulary.Location;
import uk.nhs.opd.pathway.events.vocabulary.LocationType;
import uk.nhs.opd.pathway.events.vocabulary.Pathway;
import uk.nhs.opd.pathway.events.vocabulary.ReferralSource;
import uk.nhs.opd.pathway.events.vocabulary.SealedPersonalData;
import uk.nhs.opd.pathway.events.vocabulary.SentenceType;

class EvaluationRedactionTest {

    /** String fields that hold ids of services or codes of a vocabulary, never words typed by staff. */
    private static final Set<String> CODES_AND_IDS = Set.of("serviceId", "toServiceId", "ethnicity", "region", "ageBand");

    @Test
    void everyTextFieldOfEveryPersonEventIsEitherACodeOrWithheld() {
        List<String> unclassified = new ArrayList<>();
        for (EventTypes.EventType type : EventTypes.all()) {
            if (type.stream() != StreamKind.PERSON) {
                continue;
            }
            for (RecordComponent component : type.javaType().getRecordComponents()) {
                boolean freeText = EvaluationRedaction.FREE_TEXT.getOrDefault(type.name(), Set.of()).contains(component.getName());
                boolean referralId = EvaluationRedaction.REFERRAL_IDS.contains(component.getName());
                if (component.getType() == String.class && !freeText && !referralId && !CODES_AND_IDS.contains(component.getName())) {
                    unclassified.add(type.name() + "." + component.getName());
                }
                if (component.getType() == LocalDate.class && !EvaluationRedaction.MONTH_ONLY.contains(component.getName())) {
                    unclassified.add(type.name() + "." + component.getName());
                }
            }
        }
        // A new text or date field must be classified here before it can reach an evaluator.
        assertThat(unclassified).isEmpty();
    }

    @Test
    void freeTextIsWithheldButWhetherItWasGivenIsKept() {
        JsonNode referral = payload(new ReferralMade("R-1", "S-1", ReferralSource.SELF, true,
                "Mr Smith said he lives at 1 High Street", false));
        JsonNode admission = payload(new PersonAdmitted("R-1", "S-1", null));

        ObjectNode redactedReferral = EvaluationRedaction.redact("ReferralMade", referral, id -> "REF-" + id.length());
        ObjectNode redactedAdmission = EvaluationRedaction.redact("PersonAdmitted", admission, id -> "REF-" + id.length());

        assertThat(redactedReferral.path("reason").asText()).isEqualTo(EvaluationRedaction.WITHHELD);
        assertThat(redactedReferral.toString()).doesNotContain("Smith").doesNotContain("High Street");
        assertThat(redactedReferral.path("referralId").asText()).isEqualTo("REF-3");
        assertThat(redactedAdmission.path("referralId").asText()).isEqualTo("REF-3");
        assertThat(redactedAdmission.path("capacityOverrideReason").isTextual()).as("not given, so nothing to mark").isFalse();
    }

    @Test
    void sentenceDatesAreReducedToTheMonthAndThePersonalPartLeftOut() {
        JsonNode registration = payload(new PersonRegistered(Pathway.MEN, "WHITE_BRITISH", SentenceType.IPP,
                LocalDate.of(2019, 3, 14), LocalDate.of(2027, 11, 2), "NORTH_EAST", new Location(LocationType.PRISON, "FKI"),
                "35-44", new SealedPersonalData("v1.sealed")));

        ObjectNode redacted = EvaluationRedaction.redact("PersonRegistered", registration, id -> id);

        assertThat(redacted.path("tariffExpiryDate").asText()).isEqualTo("2019-03");
        assertThat(redacted.path("earliestReleaseDate").asText()).isEqualTo("2027-11");
        assertThat(redacted.has("personal")).isFalse();
        assertThat(redacted.path("ageBand").asText()).isEqualTo("35-44");
        assertThat(registration.path("tariffExpiryDate").asText()).as("the original is untouched").isEqualTo("2019-03-14");
    }

    private static JsonNode payload(Object event) {
        return EventJson.mapper().valueToTree(event);
    }

    @Test
    void referralIdsBecomePseudonymsStablePerPersonAndReferralAndNothingOfTheIdShows() {
        Pseudonyms pseudonyms = new Pseudonyms("a-test-only-pseudonym-key-0123456789abcdef");
        JsonNode transfer = payload(new uk.nhs.opd.pathway.events.ReferralTransferred("R-X123456-1", "S-2", "R-X123456-2",
                null));

        ObjectNode redacted = EvaluationRedaction.redact("ReferralTransferred", transfer,
                id -> pseudonyms.ofReferral("P-1", id));

        assertThat(redacted.toString()).doesNotContain("X123456");
        assertThat(redacted.path("referralId").asText()).startsWith("REF-").isEqualTo(pseudonyms.ofReferral("P-1", "R-X123456-1"));
        assertThat(redacted.path("newReferralId").asText()).isEqualTo(pseudonyms.ofReferral("P-1", "R-X123456-2"));
        assertThat(pseudonyms.ofReferral("P-2", "R-X123456-1")).as("another person's referral of the same id")
                .isNotEqualTo(redacted.path("referralId").asText());
        assertThat(pseudonyms.ofReferral("P-1", "R-X123456-1")).isNotEqualTo(pseudonyms.of("P-1"));
    }
}
