package uk.nhs.opd.pathway.query.journey;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Waiting time gross and net of pauses: a pause counts only for the part between acceptance and the end of the wait. */
public final class Waits {

    private Waits() {
    }

    /** Whole days from {@code acceptedAt} to {@code end}. */
    public static long grossDays(Instant acceptedAt, Instant end) {
        return Duration.between(acceptedAt, end).toDays();
    }

    /** Whole days from {@code acceptedAt} to {@code end}, less the paused time in between (an open pause runs to end). */
    public static long netDays(Instant acceptedAt, Instant end, List<Journey.Period> pauses) {
        Duration paused = Duration.ZERO;
        for (Journey.Period pause : pauses) {
            Instant from = pause.from().isBefore(acceptedAt) ? acceptedAt : pause.from();
            Instant to = pause.to() == null || pause.to().isAfter(end) ? end : pause.to();
            if (to.isAfter(from)) {
                paused = paused.plus(Duration.between(from, to));
            }
        }
        return Duration.between(acceptedAt, end).minus(paused).toDays();
    }
}
