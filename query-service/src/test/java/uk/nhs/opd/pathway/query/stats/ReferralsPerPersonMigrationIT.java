package uk.nhs.opd.pathway.query.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import uk.nhs.opd.pathway.query.MigrationDatabase;

/**
 * Flyway V7 turns one row per referral (and per service referred to) into one row per person, giving the same
 * statistics and the same people for every service.
 */
class ReferralsPerPersonMigrationIT {

    private static final MigrationDatabase DATABASE = new MigrationDatabase("referrals_per_person_migration_it");

    private static List<String> rows(Statement statement, String query) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (var result = statement.executeQuery(query)) {
            while (result.next()) {
                StringBuilder row = new StringBuilder();
                for (int c = 1; c <= result.getMetaData().getColumnCount(); c++) {
                    row.append(c > 1 ? "|" : "").append(result.getString(c));
                }
                rows.add(row.toString());
            }
        }
        return rows;
    }

    @Test
    void countsPerPersonGiveTheSameStatisticsAndServicesTheSamePeople() throws SQLException {
        DATABASE.flyway("latest").clean();
        DATABASE.flyway("6").migrate();
        try (Connection connection = DATABASE.connect(); Statement statement = connection.createStatement()) {
            statement.execute("""
                    INSERT INTO referral_stat (person_id, referral_id, service_id, ethnicity, pathway, age_band, region, accepted, rejected)
                    VALUES ('P-1', 'R-1', 'S-tc', 'MIXED', 'MEN', '25-34', 'LONDON', true, false),
                           ('P-1', 'R-2', 'S-pipe', 'MIXED', 'MEN', '25-34', 'LONDON', false, true),
                           ('P-1', 'R-3', 'S-tc', 'MIXED', 'MEN', '25-34', 'LONDON', false, false),
                           ('P-2', 'R-4', 'S-tc', 'WHITE_BRITISH', 'WOMEN', '45-54', 'NORTH_EAST', true, false)""");
            statement.execute("""
                    INSERT INTO service_referral (person_id, service_id)
                    VALUES ('P-1', 'S-tc'), ('P-1', 'S-pipe'), ('P-1', 'S-day'), ('P-2', 'S-tc')""");
            String byRegionBefore = "SELECT region, count(*), count(*) FILTER (WHERE accepted), count(*) FILTER (WHERE rejected)"
                    + " FROM referral_stat GROUP BY region ORDER BY region";
            List<String> statsBefore = rows(statement, byRegionBefore);
            List<String> tcBefore = rows(statement, "SELECT person_id FROM service_referral WHERE service_id = 'S-tc' ORDER BY person_id");

            DATABASE.flyway("latest").migrate();

            assertThat(rows(statement, "SELECT * FROM referral_stat ORDER BY person_id")).containsExactly(
                    "P-1|MIXED|MEN|25-34|LONDON|3|1|1", "P-2|WHITE_BRITISH|WOMEN|45-54|NORTH_EAST|1|1|0");
            assertThat(rows(statement, "SELECT region, sum(referred), sum(accepted), sum(rejected) FROM referral_stat"
                    + " GROUP BY region ORDER BY region")).isEqualTo(statsBefore).hasSize(2);
            assertThat(rows(statement, "SELECT * FROM service_referral ORDER BY person_id")).containsExactly(
                    "P-1|{S-day,S-pipe,S-tc}", "P-2|{S-tc}");
            assertThat(rows(statement, "SELECT person_id FROM service_referral WHERE 'S-tc' = ANY (service_ids) ORDER BY person_id"))
                    .isEqualTo(tcBefore).containsExactly("P-1", "P-2");
            assertThat(rows(statement, "SELECT conname FROM pg_constraint WHERE conrelid IN ('referral_stat'::regclass,"
                    + " 'service_referral'::regclass) ORDER BY conname")).containsExactly("referral_stat_pkey", "service_referral_pkey");
        }
    }
}
