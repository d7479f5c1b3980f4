package uk.nhs.opd.pathway.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class IsoInstantsTest {

    private static Instant parse(String text) {
        return IsoInstants.parse(text.toCharArray(), 0, text.length());
    }

    @Test
    void readsWhatTheContractWritesExactlyAsInstantParseDoes() {
        Random random = new Random(7);
        for (int i = 0; i < 200_000; i++) {
            Instant instant = Instant.ofEpochSecond(random.nextLong(-62_167_219_200L, 253_402_300_799L),
                    switch (i % 4) {
                        case 0 -> 0;
                        case 1 -> random.nextInt(1000) * 1_000_000;
                        case 2 -> random.nextInt(1_000_000) * 1000;
                        default -> random.nextInt(1_000_000_000);
                    });
            String text = instant.toString();
            assertThat(parse(text)).as(text).isEqualTo(Instant.parse(text));
        }
    }

    @Test
    void givesInstantParsesAnswerOrFailureForAnythingElse() {
        for (String text : List.of("2024-02-29T23:59:59.5Z", "2016-12-31T23:59:60Z", "+12024-01-01T00:00:00Z",
                "2024-01-10T10:00:00+01:00", "2000-01-01T00:00:00.000000001Z", "2023-02-29T00:00:00Z",
                "2024-13-01T00:00:00Z", "2024-01-10T24:00:00Z", "2024-01-10T10:00:00.Z", "2024-01-10 10:00:00Z",
                "2024-01-1xT10:00:00Z", "2024-01-10T10:00:00", "2000-01-01T00:00:00.0000000001Z", "0000-01-01T00:00:00Z")) {
            Object expected;
            try {
                expected = Instant.parse(text);
            } catch (DateTimeParseException e) {
                expected = DateTimeParseException.class;
            }
            Object actual;
            try {
                actual = parse(text);
            } catch (DateTimeParseException e) {
                actual = DateTimeParseException.class;
            }
            assertThat(actual).as(text).isEqualTo(expected);
        }
    }
}
