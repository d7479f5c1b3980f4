package uk.nhs.opd.pathway.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import uk.nhs.opd.pathway.infra.DevTokens;
import uk.nhs.opd.pathway.infra.LocalKafka;
import uk.nhs.opd.pathway.infra.LocalPostgres;
import uk.nhs.opd.pathway.infra.ServiceProcess;
import uk.nhs.opd.pathway.local.synthetic.DemoData;

/**
 * Local mode: a real PostgreSQL and a real KRaft Kafka broker on this machine (no Docker), then the command and
 * query services, all with their data under one directory ({@code .pathway/} by default) so that a restart keeps
 * every event. Closing it stops everything it started, services first.
 */
public final class LocalPlatform implements AutoCloseable {

    /** Where things listen and live. */
    public record Settings(Path home, Path repository, int postgresPort, int kafkaPort, int kafkaControllerPort,
                           int commandPort, int queryPort, String topic) {

        /** The documented local-mode ports, with data under {@code .pathway/} of the working directory. */
        public static Settings defaults() {
            Path cwd = Path.of("").toAbsolutePath();
            return new Settings(cwd.resolve(".pathway"), cwd, 5433, 9092, 9093, 8081, 8082, "pathway.events");
        }
    }

    private final List<AutoCloseable> started = Collections.synchronizedList(new ArrayList<>());
    private final Settings settings;
    private ServiceProcess commandService;
    private ServiceProcess queryService;
    private Map<String, String> tokens;

    private LocalPlatform(Settings settings) {
        this.settings = settings;
    }

    /** Starts everything and returns once both services report healthy. */
    public static LocalPlatform start(Settings settings) {
        LocalPlatform platform = new LocalPlatform(settings);
        try {
            platform.startAll();
            return platform;
        } catch (RuntimeException e) {
            platform.close();
            throw e;
        }
    }

    private void startAll() {
        requireFree(settings.postgresPort(), "PostgreSQL");
        requireFree(settings.kafkaPort(), "Kafka");
        requireFree(settings.kafkaControllerPort(), "the Kafka controller");
        requireFree(settings.commandPort(), "command-service");
        requireFree(settings.queryPort(), "query-service");
        Path logs = settings.home().resolve("logs");

        LocalPostgres postgres = LocalPostgres.start(settings.home().resolve("postgres"), settings.postgresPort());
        started.add(postgres);
        String eventsDb = postgres.jdbcUrl("pathway_events");
        String viewsDb = postgres.jdbcUrl("pathway_views");
        say("PostgreSQL   localhost:%d  (databases pathway_events, pathway_views; user postgres)", postgres.port());

        LocalKafka kafka = LocalKafka.start(settings.home().resolve("kafka"), settings.kafkaPort(),
                settings.kafkaControllerPort(), Duration.ofSeconds(60));
        started.add(kafka);
        say("Kafka        %s  (KRaft, topic %s)", kafka.bootstrapServers(), settings.topic());

        DevTokens keys = DevTokens.in(settings.home().resolve("jwt"));
        String masterKey = localSecret(settings.home().resolve("master-key"));
        String pseudonymKey = localSecret(settings.home().resolve("pseudonym-key"));
        tokens = keys.tokenPerRole(Duration.ofDays(30));
        Path tokenFile = settings.home().resolve("local-tokens.json");
        try {
            Files.writeString(tokenFile, DevTokens.json(tokens) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }

        Map<String, String> common = Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(),
                "PATHWAY_TOPIC", settings.topic(),
                "PATHWAY_DB_USER", postgres.username(),
                "PATHWAY_DB_PASSWORD", postgres.password(),
                "PATHWAY_SECURITY_JWT_PUBLIC_KEY", "file:" + keys.publicKeyFile().toAbsolutePath(),
                "PATHWAY_CRYPTO_MASTER_KEY", masterKey,
                "PATHWAY_EVALUATION_PSEUDONYM_KEY", pseudonymKey);
        commandService = ServiceProcess.start("command-service", jar("command-service"), settings.commandPort(),
                with(common, "PATHWAY_EVENTS_DB_URL", eventsDb), logs.resolve("command-service.log"));
        started.add(commandService);
        queryService = ServiceProcess.start("query-service", jar("query-service"), settings.queryPort(),
                with(common, "PATHWAY_VIEWS_DB_URL", viewsDb), logs.resolve("query-service.log"));
        started.add(queryService);

        CompletableFuture<Void> commandUp = CompletableFuture.runAsync(() -> commandService.awaitHealthy(Duration.ofMinutes(3)));
        CompletableFuture<Void> queryUp = CompletableFuture.runAsync(() -> queryService.awaitHealthy(Duration.ofMinutes(3)));
        try {
            CompletableFuture.allOf(commandUp, queryUp).join();
        } catch (RuntimeException e) {
            throw new IllegalStateException(e.getCause() != null ? e.getCause().getMessage() : e.getMessage(), e);
        }
        say("commands     %s  (log %s)", commandService.baseUrl(), commandService.log());
        say("reads        %s  (log %s)", queryService.baseUrl(), queryService.log());
        say("tokens       %s  (writer, reader, evaluator, admin: local-only development keys)", tokenFile);
    }

    /** The development bearer token of each role ({@code writer}, {@code reader}, {@code evaluator}, {@code admin}). */
    public Map<String, String> tokens() {
        return tokens;
    }

    public String commandUrl() {
        return commandService.baseUrl();
    }

    public String queryUrl() {
        return queryService.baseUrl();
    }

    private Path jar(String module) {
        return settings.repository().resolve(module).resolve("target").resolve(module + "-exec.jar");
    }

    /** LOCAL-ONLY: a random 32-byte secret (the sealing master key, the pseudonym key), made once per data directory. */
    private static String localSecret(Path file) {
        try {
            if (!Files.exists(file)) {
                byte[] key = new byte[32];
                new java.security.SecureRandom().nextBytes(key);
                Files.writeString(file, java.util.Base64.getEncoder().encodeToString(key));
            }
            return Files.readString(file).trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, String> with(Map<String, String> common, String key, String value) {
        Map<String, String> environment = new java.util.HashMap<>(common);
        environment.put(key, value);
        return environment;
    }

    private static void requireFree(int port, String what) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress("localhost", port));
        } catch (IOException e) {
            throw new IllegalStateException("Port " + port + " for " + what
                    + " is already in use: is local mode already running, or another server using it?");
        }
    }

    /** Stops everything started, in reverse order. */
    @Override
    public void close() {
        List<AutoCloseable> toStop = new ArrayList<>(started);
        Collections.reverse(toStop);
        for (AutoCloseable closeable : toStop) {
            try {
                closeable.close();
            } catch (Exception e) {
                System.err.println("While stopping: " + e.getMessage());
            }
        }
        started.clear();
    }

    private static void say(String format, Object... args) {
        System.out.println("  " + String.format(format, args));
    }

    public static void main(String[] args) throws Exception {
        Settings settings = Settings.defaults();
        if (args.length > 0 && List.of("-h", "--help").contains(args[0])) {
            System.out.println("""
                    Usage: ./run-local [--demo [people]]
                    Starts PostgreSQL (localhost:5433), Kafka (localhost:9092), command-service (:8081) and
                    query-service (:8082) with their data in .pathway/. Ctrl-C stops everything.
                    --demo posts a synthetic population (default 200 people) through the API once started.
                    Wipe all local data: stop it, then rm -rf .pathway""");
            return;
        }
        Files.createDirectories(settings.home());
        long began = System.nanoTime();
        System.out.println("OPD Pathway event platform, local mode (data in " + settings.home() + ")");
        LocalPlatform platform;
        try {
            platform = start(settings);
        } catch (RuntimeException e) {
            System.err.println("Local mode did not start: " + e.getMessage());
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("Stopping local mode...");
            platform.close();
            System.out.println("Stopped.");
        }, "local-mode-stop"));
        System.out.printf("Ready in %.1f s. Press Ctrl-C to stop everything.%n", (System.nanoTime() - began) / 1e9);
        if (args.length > 0 && args[0].equals("--demo")) {
            int people = args.length > 1 ? Integer.parseInt(args[1]) : 200;
            long[] loaded = new DemoData(platform.commandUrl(), platform.tokens().get("writer")).load(people);
            System.out.printf("Demo data: %,d commands accepted, %,d refused by the rules.%n", loaded[0], loaded[1]);
        }
        Thread.currentThread().join();
    }
}
