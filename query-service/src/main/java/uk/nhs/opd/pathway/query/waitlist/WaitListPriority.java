package uk.nhs.opd.pathway.query.waitlist;

import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The wait-list priority rule (DESIGN.md §5, seed 001 Stage 1 "Admissions"), pure and configurable:
 * <ol>
 *   <li>Tier 1, immediate public protection: risk of serious harm VERY_HIGH; or HIGH with a determinate sentence and
 *       the earliest release within the release window (24 months by default).</li>
 *   <li>Tier 2, indeterminate and stuck: a LIFE or IPP sentence at or over tariff (tariff expiry on or before today).</li>
 *   <li>Tier 3: everyone else.</li>
 * </ol>
 * Within a tier: people excluded from, or who failed to progress in, other interventions first; then the longest
 * wait (accepted earliest); then the referral id, so the order is total and deterministic.
 */
public final class WaitListPriority {

    /** What the rule needs to know about one waiting referral. */
    public record Candidate(String referralId, String riskOfSeriousHarm, String sentenceType, LocalDate tariffExpiryDate,
                            LocalDate earliestReleaseDate, boolean failedOtherInterventions, Instant acceptedAt) {
    }

    /** A candidate's tier and the human-readable reasons for its place. */
    public record Ranked(Candidate candidate, int tier, List<String> reasons) {
    }

    private final int releaseWindowMonths;

    public WaitListPriority(int releaseWindowMonths) {
        this.releaseWindowMonths = releaseWindowMonths;
    }

    /** The candidates in priority order on {@code today}. */
    public List<Ranked> order(List<Candidate> candidates, LocalDate today) {
        return candidates.stream()
                .map(candidate -> rank(candidate, today))
                .sorted(Comparator.comparingInt(Ranked::tier)
                        .thenComparing(r -> !r.candidate().failedOtherInterventions())
                        .thenComparing(r -> r.candidate().acceptedAt())
                        .thenComparing(r -> r.candidate().referralId()))
                .toList();
    }

    Ranked rank(Candidate candidate, LocalDate today) {
        List<String> reasons = new ArrayList<>();
        int tier = 3;
        if ("VERY_HIGH".equals(candidate.riskOfSeriousHarm())) {
            tier = 1;
            reasons.add("Very high risk of serious harm");
        } else if (isHighDeterminateNearRelease(candidate, today)) {
            tier = 1;
            reasons.add("High risk of serious harm, determinate sentence, earliest release in "
                    + describe(Period.between(today, candidate.earliestReleaseDate())));
        } else if (isIndeterminateAtOrOverTariff(candidate, today)) {
            tier = 2;
            String sentence = "IPP".equals(candidate.sentenceType()) ? "IPP sentence" : "Life sentence";
            Period over = Period.between(candidate.tariffExpiryDate(), today);
            reasons.add(over.isZero() ? sentence + ", at tariff" : sentence + ", " + describe(over) + " over tariff");
        } else {
            reasons.add("No immediate public protection or over-tariff priority");
        }
        if (candidate.failedOtherInterventions()) {
            reasons.add("Excluded from, or made no progress in, other interventions");
        }
        return new Ranked(candidate, tier, List.copyOf(reasons));
    }

    private boolean isHighDeterminateNearRelease(Candidate candidate, LocalDate today) {
        return "HIGH".equals(candidate.riskOfSeriousHarm())
                && "DETERMINATE".equals(candidate.sentenceType())
                && candidate.earliestReleaseDate() != null
                && !candidate.earliestReleaseDate().isAfter(today.plusMonths(releaseWindowMonths));
    }

    private static boolean isIndeterminateAtOrOverTariff(Candidate candidate, LocalDate today) {
        return ("LIFE".equals(candidate.sentenceType()) || "IPP".equals(candidate.sentenceType()))
                && candidate.tariffExpiryDate() != null
                && !candidate.tariffExpiryDate().isAfter(today);
    }

    /** "2 years", "1 year 3 months", "5 months", "less than a month" (negative periods read as already past). */
    static String describe(Period period) {
        Period p = period.isNegative() ? period.negated() : period;
        int years = p.getYears();
        int months = p.getMonths();
        List<String> parts = new ArrayList<>();
        if (years > 0) {
            parts.add(years + (years == 1 ? " year" : " years"));
        }
        if (months > 0) {
            parts.add(months + (months == 1 ? " month" : " months"));
        }
        return parts.isEmpty() ? "less than a month" : String.join(" ", parts);
    }
}
