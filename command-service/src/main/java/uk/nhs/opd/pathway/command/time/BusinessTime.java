package uk.nhs.opd.pathway.command.time;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import uk.nhs.opd.pathway.command.problem.ErrorCode;
import uk.nhs.opd.pathway.command.problem.RuleViolation;

/**
 * The rules on {@code occurredAt}, the business time of a fact: it may be recorded late but never lies in the
 * future (beyond a small allowance for callers' clocks), never precedes the person's registration, and never
 * precedes the facts it builds on (an acceptance its referral, a completion its admission): projections order a
 * history by business time, so it must agree with the order in which the rules checked it.
 */
public final class BusinessTime {

    /** How far ahead of our clock a caller's clock may run before "now" counts as the future. */
    public static final Duration CLOCK_SKEW_ALLOWANCE = Duration.ofMinutes(2);

    private BusinessTime() {
    }

    public static void requireNotInFuture(Instant occurredAt, Clock clock) {
        Instant latest = clock.instant().plus(CLOCK_SKEW_ALLOWANCE);
        if (occurredAt.isAfter(latest)) {
            throw new RuleViolation(ErrorCode.OCCURRED_IN_FUTURE,
                    "occurredAt " + occurredAt + " is in the future (now is " + clock.instant() + ")");
        }
    }

    public static void requireNotBefore(Instant occurredAt, Instant registeredAt, String personId) {
        if (occurredAt.isBefore(registeredAt)) {
            throw new RuleViolation(ErrorCode.OCCURRED_BEFORE_REGISTRATION,
                    "occurredAt " + occurredAt + " is before person " + personId + " was registered (" + registeredAt + ")");
        }
    }

    /** {@code occurredAt} must not precede {@code earlier}, the business time of the fact named by {@code what}. */
    public static void requireFollows(Instant occurredAt, Instant earlier, String what) {
        if (earlier != null && occurredAt.isBefore(earlier)) {
            throw new RuleViolation(ErrorCode.OCCURRED_OUT_OF_ORDER,
                    "occurredAt " + occurredAt + " is before " + what + " (" + earlier + ")");
        }
    }
}
