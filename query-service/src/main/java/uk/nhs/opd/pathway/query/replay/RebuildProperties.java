package uk.nhs.opd.pathway.query.replay;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param swapLockTimeout how long the swap waits for its locks (behind a long read, e.g. an evaluator export) before
 *                        it gives way, so reads are never blocked behind it for longer
 * @param swapAttempts    how many times the swap is tried, between batches of the live consumer, before the rebuild
 *                        fails (its new tables dropped, the live ones untouched)
 * @param foldThreads     how many partitions are folded at once (each on its own thread, while the next is read and
 *                        the ones before are loaded)
 */
@ConfigurationProperties("pathway.rebuild")
record RebuildProperties(@DefaultValue("5s") Duration swapLockTimeout, @DefaultValue("5") int swapAttempts,
                         @DefaultValue("2") int foldThreads) {

    RebuildProperties {
        if (foldThreads < 1) {
            throw new IllegalArgumentException("pathway.rebuild.fold-threads must be at least 1, not " + foldThreads);
        }
    }
}
