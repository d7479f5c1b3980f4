package uk.nhs.opd.pathway.query.evaluation;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Consumer;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import uk.nhs.opd.pathway.events.EventEnvelope;
import uk.nhs.opd.pathway.events.EventJson;
import uk.nhs.opd.pathway.query.journey.PersonHistory;

/**
 * The evaluators' export: every person event as NDJSON, person by person in the order they were first recorded, each
 * person's events in stream order, pseudonymised — a keyed pseudonym instead of
 * the person id and each referral id, no actor, no personal part (already sealed; left out altogether), the age band
 * only, no free text and sentence dates to the month ({@link EvaluationRedaction}) — and a last line with the SHA-256 of everything
 * before it, so a replay of the export can be checked byte for byte.
 */
@Component
public class EvaluationExport {

    /** The checksum trailer: {@code sha256} of every preceding line (with its newline), and the event count. */
    public record Summary(long events, String sha256) {
    }

    /**
     * People in the order their first event was recorded (ties by id): a stable order that says nothing the lines do
     * not (an order of ids would let someone who knows the ids match them to pseudonyms). Read a page at a time, each
     * page a short query after the last person of the one before, so an export never holds a connection, a snapshot
     * or a lock for a whole download (a rebuild's swap can pass between two pages; the order carries on as it was).
     */
    static final String FIRST_PAGE = "SELECT person_id, first_recorded_at, events FROM person_history"
            + " ORDER BY first_recorded_at, person_id LIMIT ?";
    static final String NEXT_PAGE = "SELECT person_id, first_recorded_at, events FROM person_history"
            + " WHERE (first_recorded_at, person_id) > (?, ?) ORDER BY first_recorded_at, person_id LIMIT ?";
    private static final int PAGE = 500;

    private final JdbcTemplate jdbc;
    private final Pseudonyms pseudonyms;

    EvaluationExport(JdbcTemplate jdbc, Pseudonyms pseudonyms) {
        this.jdbc = jdbc;
        this.pseudonyms = pseudonyms;
    }

    /** How many events the export holds now (for a progress bar). */
    public long count() {
        Long count = jdbc.queryForObject("SELECT coalesce(sum(event_count), 0) FROM person_history", Long.class);
        return count == null ? 0 : count;
    }

    private static Object[] page(ResultSet row) throws SQLException {
        return new Object[] {row.getString(1), row.getObject(2, OffsetDateTime.class), row.getBytes(3)};
    }

    /** Writes the export to {@code out}, telling {@code progress} after each event. */
    public Summary write(OutputStream out, Consumer<Long> progress) {
        MessageDigest sha = sha256();
        long[] written = {0};
        String lastPerson = null;
        OffsetDateTime lastFirstRecorded = null;
        while (true) {
            List<Object[]> page = lastPerson == null
                    ? jdbc.query(FIRST_PAGE, (row, n) -> page(row), PAGE)
                    : jdbc.query(NEXT_PAGE, (row, n) -> page(row), lastFirstRecorded, lastPerson, PAGE);
            for (Object[] person : page) {
                for (byte[] envelope : PersonHistory.decode((byte[]) person[2])) {
                    byte[] line = (line(EventJson.readEnvelope(envelope)) + "\n").getBytes(StandardCharsets.UTF_8);
                    sha.update(line);
                    try {
                        out.write(line);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    progress.accept(++written[0]);
                }
            }
            if (page.size() < PAGE) {
                break;
            }
            Object[] last = page.get(page.size() - 1);
            lastPerson = (String) last[0];
            lastFirstRecorded = (OffsetDateTime) last[1];
        }
        Summary summary = new Summary(written[0], HexFormat.of().formatHex(sha.digest()));
        try {
            out.write(("{\"checksum\":{\"algorithm\":\"SHA-256\",\"value\":\"" + summary.sha256() + "\",\"events\":"
                    + summary.events() + "}}\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return summary;
    }

    private String line(EventEnvelope envelope) {
        ObjectNode line = EventJson.mapper().createObjectNode();
        line.put("eventId", envelope.eventId().toString());
        line.put("type", envelope.type());
        line.put("schemaVersion", envelope.schemaVersion());
        line.put("pseudonym", pseudonyms.of(envelope.personId()));
        line.put("sequence", envelope.sequence());
        line.put("occurredAt", envelope.occurredAt().toString());
        line.put("recordedAt", envelope.recordedAt().toString());
        line.set("payload", EvaluationRedaction.redact(envelope.type(), envelope.payload(),
                referralId -> pseudonyms.ofReferral(envelope.personId(), referralId)));
        return line.toString();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
