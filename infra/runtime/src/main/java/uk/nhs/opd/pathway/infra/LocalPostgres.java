package uk.nhs.opd.pathway.infra;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A real PostgreSQL server from the binaries shipped as Maven artifacts (it runs as root too, unlike Debian's
 * {@code initdb}). Given a data directory it keeps its data across restarts; without one it uses a throw-away one.
 */
public final class LocalPostgres implements AutoCloseable {

    private static final String USER = "postgres";

    private final EmbeddedPostgres server;

    private LocalPostgres(EmbeddedPostgres server) {
        this.server = server;
    }

    /**
     * Starts PostgreSQL.
     *
     * @param dataDirectory where the cluster lives; reused when it already holds one. {@code null}: a temporary one
     * @param port          the port to listen on, or 0 for a free one
     */
    public static LocalPostgres start(Path dataDirectory, int port) {
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setPort(port)
                    .setServerConfig("listen_addresses", "localhost")
                    .setServerConfig("max_connections", "200")
                    .setServerConfig("fsync", dataDirectory == null ? "off" : "on")
                    // A throw-away cluster (no fsync either) need not fill each new WAL file with zeros first: a
                    // long-running cluster recycles its WAL files, a fresh one would create them during its first loads.
                    .setServerConfig("wal_init_zero", dataDirectory == null ? "off" : "on");
            if (dataDirectory != null) {
                Files.createDirectories(dataDirectory);
                builder.setDataDirectory(dataDirectory).setCleanDataDirectory(false);
            }
            return new LocalPostgres(builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL did not start", e);
        }
    }

    public int port() {
        return server.getPort();
    }

    public String username() {
        return USER;
    }

    public String password() {
        return "";
    }

    /** The JDBC URL of a database on this server, creating the database first if it does not exist. */
    public String jdbcUrl(String database) {
        createDatabaseIfMissing(server.getJdbcUrl(USER, "postgres"), USER, "", database);
        return server.getJdbcUrl(USER, database);
    }

    /** Creates a database unless it exists; safe to call from several processes at once. */
    public static void createDatabaseIfMissing(String adminJdbcUrl, String user, String password, String database) {
        if (!database.matches("[a-z_][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("Not a plain database name: " + database);
        }
        try (Connection connection = DriverManager.getConnection(adminJdbcUrl, user, password);
             PreparedStatement exists = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            exists.setString(1, database);
            try (ResultSet rows = exists.executeQuery()) {
                if (rows.next()) {
                    return;
                }
            }
            try (Statement create = connection.createStatement()) {
                create.execute("CREATE DATABASE " + database);
            } catch (SQLException e) {
                if (!"42P04".equals(e.getSQLState())) { // duplicate_database: another process won the race
                    throw e;
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create database " + database, e);
        }
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
