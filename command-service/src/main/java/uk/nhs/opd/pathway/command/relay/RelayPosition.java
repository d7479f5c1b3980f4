package uk.nhs.opd.pathway.command.relay;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The last log position the broker acknowledged, stored beside the log itself. */
@Component
class RelayPosition {

    static final String RELAY_NAME = "kafka-relay";

    private final JdbcClient jdbc;

    RelayPosition(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long current() {
        return jdbc.sql("SELECT position FROM relay_position WHERE relay_name = ?").param(RELAY_NAME)
                .query(Long.class).optional().orElse(0L);
    }

    void moveTo(long position) {
        jdbc.sql("""
                INSERT INTO relay_position (relay_name, position) VALUES (?, ?)
                ON CONFLICT (relay_name) DO UPDATE SET position = EXCLUDED.position""")
                .params(RELAY_NAME, position).update();
    }

    /**
     * Takes the relay's transaction-scoped lock so that, with several command-service instances, one publishes at a
     * time. Returns false when another instance holds it.
     */
    boolean tryLead() {
        return Boolean.TRUE.equals(jdbc.sql("SELECT pg_try_advisory_xact_lock(72620002)").query(Boolean.class).single());
    }
}
