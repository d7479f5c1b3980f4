package uk.nhs.opd.pathway.infra.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.PostgreSQLContainer;
import org.testcontainers.kafka.KafkaContainer;
import uk.nhs.opd.pathway.infra.DevTokens;
import uk.nhs.opd.pathway.infra.LocalPostgres;

/**
 * One real PostgreSQL server and one real Kafka broker per test JVM, started on first use and stopped when the
 * JVM exits: containers where a Docker engine runs, otherwise embedded PostgreSQL binaries and an in-JVM KRaft
 * broker. Tests see the same interface either way.
 */
public abstract sealed class TestInfrastructure {

    private static TestInfrastructure shared;

    /** The infrastructure of this JVM, started on the first call. */
    public static synchronized TestInfrastructure shared() {
        if (shared == null) {
            boolean docker = !"false".equals(System.getenv("PATHWAY_TEST_DOCKER")) && dockerAvailable();
            shared = docker ? new Containers() : new Embedded();
            TestInfrastructure started = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(started::stop, "test-infrastructure-stop"));
        }
        return shared;
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    /** JDBC URL of a database on the shared server; the database is created on first use. */
    public abstract String jdbcUrl(String database);

    public abstract String username();

    public abstract String password();

    public abstract String kafkaBootstrapServers();

    /** What kind of infrastructure is running, for test logs. */
    public abstract String description();

    abstract void stop();

    private static DevTokens tokens;

    /** LOCAL-ONLY DEVELOPMENT KEYS, one pair per test JVM, to call the services as any role. */
    public static synchronized DevTokens tokens() {
        if (tokens == null) {
            try {
                tokens = DevTokens.in(Files.createTempDirectory("pathway-test-keys"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return tokens;
    }

    /** LOCAL-ONLY: a master key for sealing personal data, new for each test JVM. */
    public static final String MASTER_KEY = java.util.Base64.getEncoder().encodeToString(
            new java.security.SecureRandom().generateSeed(32));

    /** A bearer token for one role, valid for the length of a test run. */
    public static String token(String role) {
        return tokens().token("test-" + role.toLowerCase(), Duration.ofHours(2), role);
    }

    /** Spring Boot properties pointing a service at this infrastructure with its own database. */
    public Map<String, String> springProperties(String database) {
        return Map.of(
                "spring.datasource.url", jdbcUrl(database),
                "spring.datasource.username", username(),
                "spring.datasource.password", password(),
                "spring.kafka.bootstrap-servers", kafkaBootstrapServers(),
                "pathway.security.jwt.public-key", "file:" + tokens().publicKeyFile().toAbsolutePath(),
                "pathway.crypto.master-key", MASTER_KEY,
                "pathway.evaluation.pseudonym-key", MASTER_KEY);
    }

    private static final class Embedded extends TestInfrastructure {
        private final LocalPostgres postgres = LocalPostgres.start(null, 0);
        private final EmbeddedKafkaKraftBroker kafka;

        Embedded() {
            kafka = new EmbeddedKafkaKraftBroker(1, 1);
            kafka.brokerProperties(Map.of("auto.create.topics.enable", "false"));
            kafka.afterPropertiesSet();
        }

        @Override
        public String jdbcUrl(String database) {
            return postgres.jdbcUrl(database);
        }

        @Override
        public String username() {
            return postgres.username();
        }

        @Override
        public String password() {
            return postgres.password();
        }

        @Override
        public String kafkaBootstrapServers() {
            return kafka.getBrokersAsString();
        }

        @Override
        public String description() {
            return "embedded PostgreSQL on port " + postgres.port() + ", in-JVM KRaft Kafka at " + kafkaBootstrapServers();
        }

        @Override
        void stop() {
            kafka.destroy();
            postgres.close();
        }
    }

    private static final class Containers extends TestInfrastructure {
        private final PostgreSQLContainer<?> postgres = new PostgreSQLContainer<>("postgres:16-alpine");
        private final KafkaContainer kafka = new KafkaContainer("apache/kafka:3.9.1")
                .withEnv("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false");

        Containers() {
            postgres.start();
            kafka.start();
        }

        @Override
        public String jdbcUrl(String database) {
            LocalPostgres.createDatabaseIfMissing(postgres.getJdbcUrl(), username(), password(), database);
            return postgres.getJdbcUrl().replace("/" + postgres.getDatabaseName(), "/" + database);
        }

        @Override
        public String username() {
            return postgres.getUsername();
        }

        @Override
        public String password() {
            return postgres.getPassword();
        }

        @Override
        public String kafkaBootstrapServers() {
            return kafka.getBootstrapServers();
        }

        @Override
        public String description() {
            return "Testcontainers: " + postgres.getDockerImageName() + ", " + kafka.getDockerImageName();
        }

        @Override
        void stop() {
            kafka.stop();
            postgres.stop();
        }
    }
}
