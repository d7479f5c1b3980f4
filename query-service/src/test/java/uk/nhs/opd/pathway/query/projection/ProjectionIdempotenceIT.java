package uk.nhs.opd.pathway.query.projection;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;
import uk.nhs.opd.pathway.events.EventEnvelope;
import uk.nhs.opd.pathway.events.EventJson;
import uk.nhs.opd.pathway.events.PersonRegistered;
import uk.nhs.opd.pathway.events.PersonScreened;
import uk.nhs.opd.pathway.events.ReferralAccepted;
import uk.nhs.opd.pathway.events.ReferralMade;
import uk.nhs.opd.pathway.events.ReferralPaused;
import uk.nhs.opd.pathway.events.ReferralRejected;
import uk.nhs.opd.pathway.events.ServiceRegistered;
import uk.nhs.opd.pathway.events.vocabulary.Location;
import uk.nhs.opd.pathway.events.vocabulary.LocationType;
import uk.nhs.opd.pathway.events.vocabulary.Pathway;
import uk.nhs.opd.pathway.events.vocabulary.PauseReason;
import uk.nhs.opd.pathway.events.vocabulary.SealedPersonalData;
import uk.nhs.opd.pathway.events.vocabulary.ReferralSource;
import uk.nhs.opd.pathway.events.vocabulary.ReferralStatus;
import uk.nhs.opd.pathway.events.vocabulary.RiskLevel;
import uk.nhs.opd.pathway.events.vocabulary.ScreeningAnswers;
import uk.nhs.opd.pathway.events.vocabulary.ScreeningOutcome;
import uk.nhs.opd.pathway.events.vocabulary.SentenceType;
import uk.nhs.opd.pathway.events.vocabulary.ServiceType;
import uk.nhs.opd.pathway.events.vocabulary.Setting;
import uk.nhs.opd.pathway.infra.testing.TestInfrastructure;
import uk.nhs.opd.pathway.query.journey.History;
import uk.nhs.opd.pathway.query.journey.JourneyFoldTest;

/**
 * At-least-once delivery cannot change a read: every event sent twice, each stream's events arriving in a shuffled
 * order, gives exactly the rows that one in-order delivery gives.
 */
@SpringBootTest
class ProjectionIdempotenceIT {

    private static final List<String> READ_TABLES = List.of("person_history", "waitlist_entry", "placement_view",
            "referral_stat", "service_referral", "service_view", "stream_position");

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.shared().springProperties("projection_idempotence_it").forEach((k, v) -> registry.add(k, () -> v));
        registry.add("pathway.projections.topic", () -> "pathway.events.unused");
    }

    @Autowired
    ProjectionApplier applier;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    JdbcClient jdbc;

    private static List<List<EventEnvelope>> streams() {
        List<List<EventEnvelope>> streams = new ArrayList<>();
        streams.add(JourneyFoldTest.multiYear().envelopes());
        for (int i = 0; i < 6; i++) {
            History person = new History("P-wait-" + i)
                    .on("2020-01-0" + (i + 1), new PersonRegistered(Pathway.MEN, i % 2 == 0 ? "WHITE_BRITISH" : "ASIAN_PAKISTANI",
                            i % 3 == 0 ? SentenceType.IPP : SentenceType.DETERMINATE, LocalDate.of(2021, 1, 1),
                            LocalDate.of(2026, 1, 1), i % 2 == 0 ? "NORTH_EAST" : "LONDON",
                            new Location(LocationType.PRISON, "FKI"), "35-44", new SealedPersonalData("v1.test")))
                    .on("2020-02-01", new PersonScreened(new ScreeningAnswers(true, true, null, true, true),
                            i == 0 ? RiskLevel.VERY_HIGH : RiskLevel.HIGH, ScreeningOutcome.SCREENED_IN, null))
                    .on("2020-03-01", new ReferralMade("R-" + i, "S-tc", ReferralSource.OFFENDER_MANAGER, true, null, i == 4));
            if (i == 5) {
                person.on("2020-04-01", new ReferralRejected("R-" + i, "not suitable"));
            } else {
                person.on("2020-04-0" + (i + 1), new ReferralAccepted("R-" + i));
            }
            if (i == 3) {
                person.on("2021-01-01", new ReferralPaused("R-" + i, PauseReason.PERSON_CHOICE, ReferralStatus.ACCEPTED));
            }
            streams.add(person.envelopes());
        }
        for (String serviceId : List.of("S-tc", "S-pipe", "S-day")) {
            streams.add(List.of(new EventEnvelope(java.util.UUID.nameUUIDFromBytes(serviceId.getBytes()), "ServiceRegistered", 1,
                    null, serviceId, 0, Instant.parse("2018-01-01T00:00:00Z"), Instant.parse("2018-01-01T00:00:01Z"), "t",
                    EventJson.toTree(new ServiceRegistered(serviceId, ServiceType.TREATMENT, Setting.CUSTODY, Pathway.MEN, "NORTH_EAST", 40)))));
        }
        return streams;
    }

    private void deliver(List<EventEnvelope> envelopes) {
        for (EventEnvelope envelope : envelopes) {
            transactions.executeWithoutResult(status -> applier.offer(envelope, status));
        }
    }

    private List<String> snapshot() {
        List<String> rows = new ArrayList<>();
        for (String table : READ_TABLES) {
            jdbc.sql("SELECT * FROM " + table).query((rs, n) -> {
                StringBuilder row = new StringBuilder(table);
                for (int c = 1; c <= rs.getMetaData().getColumnCount(); c++) {
                    Object value = rs.getObject(c);
                    row.append('|').append(value instanceof byte[] bytes ? new String(bytes) : value);
                }
                return row.toString();
            }).list().forEach(rows::add);
        }
        Collections.sort(rows);
        return rows;
    }

    private void emptyTheProjections() {
        jdbc.sql("TRUNCATE " + String.join(", ", READ_TABLES) + ", held_event, dead_letter").update();
    }

    @Test
    void everyEventTwiceAndOutOfOrderChangesNothing() {
        emptyTheProjections();
        List<EventEnvelope> inOrder = streams().stream().flatMap(List::stream).toList();
        deliver(inOrder);
        List<String> once = snapshot();
        assertThat(once).anyMatch(row -> row.startsWith("waitlist_entry|S-tc|R-0"));
        assertThat(once).contains("referral_stat|P-1|BLACK_CARIBBEAN|MEN|25-34|NORTH_EAST|3|3|0",
                "service_referral|P-1|{S-day,S-pipe,S-tc}");

        emptyTheProjections();
        Random random = new Random(20251124);
        List<EventEnvelope> messy = new ArrayList<>();
        for (List<EventEnvelope> stream : streams()) {
            List<EventEnvelope> twice = new ArrayList<>(stream);
            twice.addAll(stream);
            Collections.shuffle(twice, random);
            messy.addAll(twice);
        }
        Collections.shuffle(messy.subList(0, messy.size() / 2), random);
        deliver(messy);

        assertThat(snapshot()).isEqualTo(once);
        assertThat(jdbc.sql("SELECT count(*) FROM held_event").query(Long.class).single()).isZero();
    }
}
