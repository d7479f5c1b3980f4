package uk.nhs.opd.pathway.query.projection;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.TransactionTemplate;
import uk.nhs.opd.pathway.events.EventEnvelope;
import uk.nhs.opd.pathway.events.EventJson;
import uk.nhs.opd.pathway.events.PathwayEvent;
import uk.nhs.opd.pathway.query.api.Conflict;

/**
 * Applies a polled batch of events to every projection in one transaction, together with the stream sequences
 * and the consumer positions. Each event runs behind a savepoint: one that fails is parked as a dead letter
 * (holding the rest of its stream) without undoing the others.
 */
@Component
class ProjectionApplier {

    private static final Logger log = LoggerFactory.getLogger(ProjectionApplier.class);

    private final List<Projection> projections;
    private final StreamGuard guard;
    private final DeadLetters deadLetters;
    private final ConsumerPositions positions;
    private final TransactionTemplate transactions;
    private final JdbcClient jdbc;
    private final Counter applied;
    private final Counter duplicates;
    private final Counter held;
    private final Counter parked;
    private final Counter skipped;
    private final AtomicReference<Instant> lastApplied = new AtomicReference<>();

    ProjectionApplier(List<Projection> projections, StreamGuard guard, DeadLetters deadLetters,
                      ConsumerPositions positions, TransactionTemplate transactions, JdbcClient jdbc, MeterRegistry meters) {
        this.projections = projections;
        this.guard = guard;
        this.deadLetters = deadLetters;
        this.positions = positions;
        this.transactions = transactions;
        this.jdbc = jdbc;
        this.applied = Counter.builder("pathway.projection.events.applied").register(meters);
        this.duplicates = Counter.builder("pathway.projection.events.duplicate").register(meters);
        this.held = Counter.builder("pathway.projection.events.held").register(meters);
        this.parked = Counter.builder("pathway.projection.events.dead-lettered").register(meters);
        this.skipped = Counter.builder("pathway.projection.events.skipped").register(meters);
        Gauge.builder("pathway.projection.dead-letters", deadLetters, DeadLetters::depth)
                .description("Events parked as dead letters").register(meters);
    }

    /** Applies the records and stores the positions after them, all or nothing. */
    void applyBatch(List<ConsumerRecord<String, byte[]>> records) {
        transactions.executeWithoutResult(status -> {
            Map<TopicPartition, Long> nextOffsets = new HashMap<>();
            for (ConsumerRecord<String, byte[]> record : records) {
                Optional<EventEnvelope> envelope = read(record.key(), record.value());
                if (envelope.isEmpty()) {
                    parkUnreadable(record);
                }
                envelope.ifPresent(e -> offer(e, status));
                nextOffsets.put(new TopicPartition(record.topic(), record.partition()), record.offset() + 1);
            }
            positions.save(nextOffsets);
        });
    }

    /** Offers one event to the projections, honouring the per-stream order. Runs inside a transaction. */
    void offer(EventEnvelope envelope, TransactionStatus status) {
        guard.lock(envelope.streamId());
        switch (guard.judge(envelope)) {
            case DUPLICATE -> duplicates.increment();
            case EARLY -> {
                guard.hold(envelope);
                held.increment();
            }
            case APPLY -> {
                if (applyOne(envelope, status)) {
                    releaseHeld(envelope.streamId(), status);
                }
            }
        }
    }

    /**
     * Takes a parked event out and offers it again; true if it applied (false: not parked, or parked again). An
     * unreadable record stays parked: it cannot apply. Only the stream's most recently parked record
     * ({@link #requireLastParked}).
     */
    boolean retryParked(String streamId, long sequence) {
        return Boolean.TRUE.equals(transactions.execute(status -> {
            guard.lock(streamId);
            requireLastParked(streamId, sequence);
            return deadLetters.take(streamId, sequence).map(bytes -> {
                Optional<EventEnvelope> envelope = read(streamId, bytes);
                if (envelope.isEmpty()) {
                    status.setRollbackOnly();
                    return false;
                }
                offer(envelope.get(), status);
                return !deadLetters.isParked(streamId);
            }).orElse(false);
        }));
    }

    /**
     * Drops a parked event for good: the stream moves past it and the events held behind it apply. An unreadable
     * record took no sequence, so the stream does not move; the event held in its place applies. The skip is kept
     * ({@link SkippedRecords}), so a rebuild passes over the same record. Only the stream's most recently parked record
     * ({@link #requireLastParked}).
     */
    boolean skipParked(String streamId, long sequence) {
        return Boolean.TRUE.equals(transactions.execute(status -> {
            guard.lock(streamId);
            requireLastParked(streamId, sequence);
            return deadLetters.take(streamId, sequence).map(bytes -> {
                Optional<EventEnvelope> envelope = read(streamId, bytes);
                if (envelope.isPresent()) {
                    guard.advance(envelope.get());
                    SkippedRecords.recordEvent(jdbc, envelope.get());
                } else {
                    SkippedRecords.recordUnreadable(jdbc, streamId, sequence, bytes);
                }
                skipped.increment();
                releaseHeld(streamId, status);
                return true;
            }).orElse(false);
        }));
    }

    /**
     * A stream's parked records are retried or skipped from the most recently parked back: the records parked behind
     * one arrived after it, and a rebuild, which knows arrival order but not when an operator acted, can only give the
     * live reads if nothing is taken out from under a later one.
     */
    private void requireLastParked(String streamId, long sequence) {
        deadLetters.lastParked(streamId).filter(last -> last > sequence).ifPresent(last -> {
            throw new Conflict("NOT_LAST_DEAD_LETTER", "Record " + last + " of stream " + streamId
                    + " was parked after this one: retry or skip it first");
        });
    }

    private void releaseHeld(String streamId, TransactionStatus status) {
        guard.dropStale(streamId);
        Optional<EventEnvelope> next = guard.releaseNext(streamId);
        while (next.isPresent()) {
            if (!applyOne(next.get(), status)) {
                return;
            }
            next = guard.releaseNext(streamId);
        }
    }

    private boolean applyOne(EventEnvelope envelope, TransactionStatus status) {
        if (deadLetters.isParked(envelope.streamId())) {
            guard.hold(envelope);
            held.increment();
            return false;
        }
        Object savepoint = status.createSavepoint();
        try {
            PathwayEvent event = EventJson.payloadOf(envelope);
            for (Projection projection : projections) {
                projection.apply(envelope, event);
            }
            guard.advance(envelope);
            status.releaseSavepoint(savepoint);
            applied.increment();
            lastApplied.set(envelope.recordedAt());
            return true;
        } catch (RuntimeException e) {
            status.rollbackToSavepoint(savepoint);
            log.error("Parking event {} ({} #{} of stream {}): {}", envelope.eventId(), envelope.type(),
                    envelope.sequence(), envelope.streamId(), e.getClass().getSimpleName());
            deadLetters.park(envelope, e);
            parked.increment();
            return false;
        }
    }

    /** The record time of the newest event applied by this instance, for the event-time lag metric. */
    Instant lastAppliedRecordedAt() {
        return lastApplied.get();
    }

    /** The envelope of a record, unless it is unreadable or names another stream than its key. */
    private static Optional<EventEnvelope> read(String key, byte[] bytes) {
        try {
            return Optional.of(DeadLetterRows.envelopeOf(key, bytes));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * A record that is no envelope (or not one of its key's stream) is parked under its key, holding the rest of that
     * stream behind it, so no one's later events apply over a gap unnoticed. Without a key there is no stream to
     * hold: it is counted and skipped.
     */
    private void parkUnreadable(ConsumerRecord<String, byte[]> record) {
        parked.increment();
        if (record.key() == null) {
            log.error("Skipping an unreadable record without a key at {}-{} offset {}", record.topic(), record.partition(),
                    record.offset());
            return;
        }
        log.error("Parking an unreadable record of stream {} at {}-{} offset {}", record.key(), record.topic(),
                record.partition(), record.offset());
        RuntimeException failure;
        try {
            DeadLetterRows.envelopeOf(record.key(), record.value());
            return;
        } catch (RuntimeException e) {
            failure = e;
        }
        guard.lock(record.key());
        deadLetters.parkUnreadable(record.key(), guard.lastApplied(record.key()), record.value(), failure);
    }
}
