package uk.nhs.opd.pathway.query.waitlist;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import uk.nhs.opd.pathway.query.waitlist.WaitListPriority.Candidate;
import uk.nhs.opd.pathway.query.waitlist.WaitListPriority.Ranked;

/** One test per rule of {@link WaitListPriority} (DESIGN.md §5). */
class WaitListPriorityTest {

    private static final LocalDate TODAY = LocalDate.of(2025, 3, 1);
    private static final Instant LONG_AGO = Instant.parse("2023-01-01T00:00:00Z");
    private static final Instant RECENTLY = Instant.parse("2025-01-01T00:00:00Z");

    private final WaitListPriority priority = new WaitListPriority(24);

    private static Candidate candidate(String id, String risk, String sentence, LocalDate tariff, LocalDate release,
                                       boolean failed, Instant acceptedAt) {
        return new Candidate(id, risk, sentence, tariff, release, failed, acceptedAt);
    }

    private Ranked rank(Candidate candidate) {
        return priority.rank(candidate, TODAY);
    }

    @Test
    void veryHighRiskIsTierOne() {
        Ranked ranked = rank(candidate("R-1", "VERY_HIGH", "LIFE", null, null, false, RECENTLY));
        assertThat(ranked.tier()).isEqualTo(1);
        assertThat(ranked.reasons()).containsExactly("Very high risk of serious harm");
    }

    @Test
    void highRiskDeterminateWithReleaseWithinTheWindowIsTierOne() {
        Ranked ranked = rank(candidate("R-1", "HIGH", "DETERMINATE", null, LocalDate.of(2026, 5, 1), false, RECENTLY));
        assertThat(ranked.tier()).isEqualTo(1);
        assertThat(ranked.reasons()).containsExactly(
                "High risk of serious harm, determinate sentence, earliest release in 1 year 2 months");
    }

    @Test
    void highRiskDeterminateWithReleaseBeyondTheWindowIsTierThree() {
        assertThat(rank(candidate("R-1", "HIGH", "DETERMINATE", null, LocalDate.of(2027, 3, 2), false, RECENTLY)).tier())
                .isEqualTo(3);
    }

    @Test
    void theReleaseWindowIsConfigurable() {
        Candidate candidate = candidate("R-1", "HIGH", "DETERMINATE", null, LocalDate.of(2026, 5, 1), false, RECENTLY);
        assertThat(new WaitListPriority(12).rank(candidate, TODAY).tier()).isEqualTo(3);
    }

    @Test
    void mediumRiskNearReleaseIsNotTierOne() {
        assertThat(rank(candidate("R-1", "MEDIUM", "DETERMINATE", null, LocalDate.of(2025, 6, 1), false, RECENTLY)).tier())
                .isEqualTo(3);
    }

    @Test
    void ippOverTariffIsTierTwoWithHowFarOver() {
        Ranked ranked = rank(candidate("R-1", "HIGH", "IPP", LocalDate.of(2023, 3, 1), null, false, RECENTLY));
        assertThat(ranked.tier()).isEqualTo(2);
        assertThat(ranked.reasons()).containsExactly("IPP sentence, 2 years over tariff");
    }

    @Test
    void lifeAtTariffTodayIsTierTwo() {
        Ranked ranked = rank(candidate("R-1", "HIGH", "LIFE", TODAY, null, false, RECENTLY));
        assertThat(ranked.tier()).isEqualTo(2);
        assertThat(ranked.reasons()).containsExactly("Life sentence, at tariff");
    }

    @Test
    void lifeBeforeTariffIsTierThree() {
        assertThat(rank(candidate("R-1", "HIGH", "LIFE", LocalDate.of(2026, 1, 1), null, false, RECENTLY)).tier()).isEqualTo(3);
    }

    @Test
    void failedOtherInterventionsComesFirstWithinATierAndSaysSo() {
        Candidate failed = candidate("R-2", "MEDIUM", "LIFE", LocalDate.of(2030, 1, 1), null, true, RECENTLY);
        Candidate waitedLonger = candidate("R-1", "MEDIUM", "DETERMINATE", null, null, false, LONG_AGO);
        List<Ranked> order = priority.order(List.of(waitedLonger, failed), TODAY);
        assertThat(order).extracting(r -> r.candidate().referralId()).containsExactly("R-2", "R-1");
        assertThat(order.get(0).reasons()).contains("Excluded from, or made no progress in, other interventions");
    }

    @Test
    void thenTheLongestWaitComesFirst() {
        List<Ranked> order = priority.order(List.of(
                candidate("R-1", "MEDIUM", "DETERMINATE", null, null, false, RECENTLY),
                candidate("R-2", "MEDIUM", "DETERMINATE", null, null, false, LONG_AGO)), TODAY);
        assertThat(order).extracting(r -> r.candidate().referralId()).containsExactly("R-2", "R-1");
    }

    @Test
    void thenTheReferralIdMakesTheOrderTotal() {
        List<Ranked> order = priority.order(List.of(
                candidate("R-b", "MEDIUM", "DETERMINATE", null, null, false, RECENTLY),
                candidate("R-a", "MEDIUM", "DETERMINATE", null, null, false, RECENTLY)), TODAY);
        assertThat(order).extracting(r -> r.candidate().referralId()).containsExactly("R-a", "R-b");
    }

    @Test
    void tiersComeBeforeEverythingElse() {
        List<Ranked> order = priority.order(List.of(
                candidate("R-3", "LOW", "DETERMINATE", null, null, true, LONG_AGO),
                candidate("R-2", "HIGH", "IPP", LocalDate.of(2020, 1, 1), null, false, RECENTLY),
                candidate("R-1", "VERY_HIGH", "DETERMINATE", null, null, false, RECENTLY)), TODAY);
        assertThat(order).extracting(Ranked::tier).containsExactly(1, 2, 3);
    }
}
