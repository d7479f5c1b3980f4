package uk.nhs.opd.pathway.query;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.flywaydb.core.Flyway;
import uk.nhs.opd.pathway.infra.testing.TestInfrastructure;

/** A database of a migration test's own, on the shared test PostgreSQL, to be taken to any Flyway version. */
public record MigrationDatabase(String name) {

    /** Flyway over this database, migrating up to {@code target} ("latest" for all). */
    public Flyway flyway(String target) {
        TestInfrastructure infrastructure = TestInfrastructure.shared();
        return Flyway.configure().dataSource(infrastructure.jdbcUrl(name), infrastructure.username(), infrastructure.password())
                .cleanDisabled(false)
                .target(target).load();
    }

    public Connection connect() throws SQLException {
        TestInfrastructure infrastructure = TestInfrastructure.shared();
        return DriverManager.getConnection(infrastructure.jdbcUrl(name), infrastructure.username(), infrastructure.password());
    }
}
