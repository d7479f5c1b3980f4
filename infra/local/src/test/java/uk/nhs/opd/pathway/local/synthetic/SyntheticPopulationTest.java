package uk.nhs.opd.pathway.local.synthetic;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import uk.nhs.opd.pathway.events.EventEnvelope;
import uk.nhs.opd.pathway.events.EventJson;

class SyntheticPopulationTest {

    private static List<EventEnvelope> generate(long seed, int people) {
        List<EventEnvelope> events = new ArrayList<>();
        new SyntheticPopulation(seed).people(people, events::add);
        return events;
    }

    @Test
    void theSameSeedGivesTheSamePopulation() {
        assertThat(generate(1, 50).stream().map(e -> new String(EventJson.write(e))).toList())
                .isEqualTo(generate(1, 50).stream().map(e -> new String(EventJson.write(e))).toList());
    }

    @Test
    void everyStreamHasContiguousSequencesInBusinessOrderAndReadableEvents() {
        Map<String, Long> next = new HashMap<>();
        for (EventEnvelope envelope : generate(2, 300)) {
            assertThat(envelope.sequence()).isEqualTo(next.getOrDefault(envelope.personId(), 0L));
            next.put(envelope.personId(), envelope.sequence() + 1);
            assertThat(EventJson.payloadOf(envelope)).isNotNull();
        }
        assertThat(next).hasSize(300);
    }

    @Test
    void menAndWomenComeInTheRatioOfTheNationalPathway() {
        long women = generate(3, 3_500).stream()
                .filter(e -> e.type().equals("PersonRegistered"))
                .filter(e -> e.payload().path("pathway").asText().equals("WOMEN")).count();
        assertThat(women).isEqualTo(300);
    }

    @Test
    void peopleHaveRichPathways() {
        List<EventEnvelope> events = generate(4, 1_000);
        assertThat(events.size() / 1_000.0).isGreaterThan(12);
        assertThat(events).extracting(EventEnvelope::type).contains("PersonDeselected", "LaydownEnded",
                "PersonReleased", "PersonRecalled", "PathwayExited", "ReferralPaused", "ReferralRejected");
    }
}
