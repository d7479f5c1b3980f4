package uk.nhs.opd.pathway.local.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import uk.nhs.opd.pathway.events.EventJson;
import uk.nhs.opd.pathway.infra.DevTokens;
import uk.nhs.opd.pathway.infra.LocalKafka;
import uk.nhs.opd.pathway.infra.LocalPostgres;
import uk.nhs.opd.pathway.infra.ServiceProcess;
import uk.nhs.opd.pathway.local.synthetic.SyntheticPopulation;

/**
 * The rebuild benchmark (a command, not a test): a synthetic national population of at least a million events on a
 * real Kafka topic, rebuilt by the query-service's bulk path, against a baseline measured in the same run — the
 * same service applying one event per transaction (max-poll-records 1) — with the heap the rebuild used. Both are
 * measured warm (the baseline after a warm-up, the rebuild as the median of several after warm-up rebuilds); the
 * first rebuild, in a fresh JVM, is printed beside them.
 */
public final class RebuildBenchmark {

    private static final String TOPIC = "pathway.events.benchmark";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private RebuildBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int people = args.length > 0 ? Integer.parseInt(args[0]) : 35_000;
        long minimumEvents = args.length > 1 ? Long.parseLong(args[1]) : 1_000_000;
        Path home = Files.createTempDirectory("pathway-benchmark");
        Path repository = Path.of("").toAbsolutePath();
        System.out.println("Rebuild benchmark (work directory " + home + ")");
        try (LocalPostgres postgres = LocalPostgres.start(null, 0);
             LocalKafka kafka = LocalKafka.start(home.resolve("kafka"), freePort(), freePort(), Duration.ofSeconds(60))) {
            long events = publish(kafka.bootstrapServers(), people, minimumEvents);
            DevTokens tokens = DevTokens.in(home.resolve("jwt"));
            String admin = tokens.token("benchmark", Duration.ofHours(2), "ADMIN");
            Map<String, String> environment = new HashMap<>(Map.of(
                    "KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(),
                    "PATHWAY_TOPIC", TOPIC,
                    "PATHWAY_DB_USER", postgres.username(),
                    "PATHWAY_DB_PASSWORD", postgres.password(),
                    "PATHWAY_SECURITY_JWT_PUBLIC_KEY", "file:" + tokens.publicKeyFile().toAbsolutePath(),
                    "PATHWAY_EVALUATION_PSEUDONYM_KEY", "benchmark-only-pseudonym-key-0123456789abcdef"));
            Path jar = repository.resolve("query-service/target/query-service-exec.jar");

            Map<String, String> bulkEnvironment = new HashMap<>(environment);
            bulkEnvironment.put("PATHWAY_VIEWS_DB_URL", postgres.jdbcUrl("benchmark_bulk"));
            bulkEnvironment.put("PATHWAY_PROJECTIONS_LIVE", "false");
            // The GC log gives the heap's true peak: its size just before each collection (sampling it over HTTP
            // would miss peaks, and polling fast enough costs the rebuild CPU).
            Path gcLog = home.resolve("bulk-gc.log");
            List<String> bulkOptions = new ArrayList<>(List.of("-Xmx1g", "-XX:+UseParallelGC", "-Xlog:gc:file=" + gcLog));
            // For profiling, e.g. PATHWAY_BENCHMARK_JVM_OPTIONS="-XX:StartFlightRecording=filename=/tmp/bulk.jfr"
            String extraOptions = System.getenv().getOrDefault("PATHWAY_BENCHMARK_JVM_OPTIONS", "").trim();
            if (!extraOptions.isEmpty()) {
                bulkOptions.addAll(List.of(extraOptions.split("\\s+")));
            }
            // Both paths are measured warm, at their steady state: the baseline after a 5 s warm-up, the bulk path as
            // the median of PATHWAY_BENCHMARK_REBUILDS (5) rebuilds after PATHWAY_BENCHMARK_WARMUPS (2) warm-up
            // rebuilds in the same service — as a benchmark harness such as JMH warms up before it measures; a
            // running service's JIT has compiled the fold its live path shares. The warm-ups are printed too, the
            // first being the first rebuild in a fresh JVM, which compiles the code as it goes on the same two cores.
            int measured = Integer.parseInt(System.getenv().getOrDefault("PATHWAY_BENCHMARK_REBUILDS", "5"));
            int warmups = Integer.parseInt(System.getenv().getOrDefault("PATHWAY_BENCHMARK_WARMUPS", "2"));
            if (measured < 1 || warmups < 1) {
                throw new IllegalArgumentException("PATHWAY_BENCHMARK_REBUILDS and PATHWAY_BENCHMARK_WARMUPS must be at least 1");
            }
            List<Double> rates = new ArrayList<>();
            double coldRate = 0;
            long heapPeak = 0;
            try (ServiceProcess bulk = ServiceProcess.start("query-service (bulk)", jar, freePort(), bulkEnvironment,
                    home.resolve("bulk.log"), bulkOptions)) {
                bulk.awaitHealthy(Duration.ofMinutes(3));
                for (int run = 0; run < warmups + measured; run++) {
                    long gcLogSeen = Files.exists(gcLog) ? Files.size(gcLog) : 0;
                    quiesce(postgres, "benchmark_bulk");
                    long[] result = rebuild(bulk.baseUrl(), admin);
                    result[2] = Math.max(result[2], heapBeforeCollections(gcLog, gcLogSeen));
                    double rate = result[0] * 1e9 / result[1];
                    if (run == 0) {
                        coldRate = rate;
                    }
                    if (run >= warmups) {
                        rates.add(rate);
                    }
                    heapPeak = Math.max(heapPeak, result[2]);
                    String label = run == 0 ? "warm-up 1 (fresh JVM)" : run < warmups ? "warm-up " + (run + 1)
                            : "#" + (run - warmups + 1);
                    System.out.printf("  bulk rebuild, %s: %,d events in %.2f s = %,.0f events/s, heap peak %d MB (max 1024 MB)%n",
                            label, result[0], result[1] / 1e9, rate, result[2] >> 20);
                }
            }
            double bulkRate = median(rates);
            if ("false".equals(System.getenv("PATHWAY_BENCHMARK_BASELINE"))) {
                System.out.printf("%nbulk (median of %d rebuilds after warm-up): %,.0f events/s; no baseline (PATHWAY_BENCHMARK_BASELINE=false)%n",
                        rates.size(), bulkRate);
                return;
            }

            Map<String, String> baselineEnvironment = new HashMap<>(environment);
            baselineEnvironment.put("PATHWAY_VIEWS_DB_URL", postgres.jdbcUrl("benchmark_baseline"));
            baselineEnvironment.put("PATHWAY_PROJECTIONS_MAX_POLL_RECORDS", "1");
            double baselineRate;
            try (ServiceProcess baseline = ServiceProcess.start("query-service (baseline)", jar, freePort(),
                    baselineEnvironment, home.resolve("baseline.log"), List.of("-Xmx1g", "-XX:+UseParallelGC"))) {
                baseline.awaitHealthy(Duration.ofMinutes(3));
                baselineRate = baseline(baseline.baseUrl(), admin, Duration.ofSeconds(20));
                System.out.printf("  baseline (1 event per transaction): %,.0f events/s%n", baselineRate);
            }
            System.out.printf("%nEvents: %,d   bulk (median of %d rebuilds after warm-up): %,.0f events/s   baseline: %,.0f events/s"
                            + "   ratio: %.0fx   heap peak: %d MB%n", events, rates.size(), bulkRate, baselineRate,
                    bulkRate / baselineRate, heapPeak >> 20);
            System.out.printf("First rebuild in a fresh JVM (JIT compiling as it goes): %,.0f events/s, %.0fx the baseline%n",
                    coldRate, coldRate / baselineRate);
            System.out.printf("Targets: >= 250,000 events/s (%s), >= 90x the baseline (%s), heap <= 1 GB (%s)%n",
                    bulkRate >= 250_000 ? "met" : "NOT met", bulkRate / baselineRate >= 90 ? "met" : "NOT met",
                    heapPeak <= (1L << 30) ? "met" : "NOT met");
        }
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }

    private static long publish(String bootstrapServers, int people, long minimumEvents) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers))) {
            admin.createTopics(List.of(new NewTopic(TOPIC, 12, (short) 1))).all().get();
        }
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.LINGER_MS_CONFIG, 20, ProducerConfig.BATCH_SIZE_CONFIG, 512 * 1024,
                ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4", ProducerConfig.ACKS_CONFIG, "all");
        AtomicLong events = new AtomicLong();
        long started = System.nanoTime();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
            SyntheticPopulation population = new SyntheticPopulation(20251124L);
            population.services(e -> {
                producer.send(new ProducerRecord<>(TOPIC, e.streamId(), EventJson.write(e)));
                events.incrementAndGet();
            });
            int generated = 0;
            while (events.get() < minimumEvents || generated < people) {
                int batch = Math.max(1_000, people / 10);
                population.people(batch, e -> {
                    producer.send(new ProducerRecord<>(TOPIC, e.streamId(), EventJson.write(e)));
                    events.incrementAndGet();
                });
                generated += batch;
                System.out.printf("\r  generating: %,d people, %,d events", generated, events.get());
            }
            producer.flush();
        }
        System.out.printf("%n  published %,d events in %.1f s%n", events.get(), (System.nanoTime() - started) / 1e9);
        return events.get();
    }

    /**
     * Lets each rebuild start on a quiet database, as a rebuild does not follow another within seconds outside a
     * benchmark: a checkpoint writes what the one before left dirty, and the autovacuum of the tables it swapped in
     * (which the next swap drops) is waited for, at most a minute.
     */
    private static void quiesce(LocalPostgres postgres, String database) throws Exception {
        try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl(database), postgres.username(), postgres.password());
             Statement statement = connection.createStatement()) {
            statement.execute("CHECKPOINT");
            long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
            while (System.nanoTime() < deadline) {
                try (ResultSet busy = statement.executeQuery(
                        "SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'autovacuum worker'")) {
                    busy.next();
                    if (busy.getLong(1) == 0) {
                        return;
                    }
                }
                Thread.sleep(200);
            }
        }
    }

    /** Runs one rebuild; returns events applied, nanoseconds taken and the peak heap polled (each second) while it ran. */
    private static long[] rebuild(String baseUrl, String token) throws Exception {
        JsonNode started = call("POST", baseUrl + "/api/admin/replays", token);
        String replayId = started.path("replayId").asText();
        long heapPeak = 0;
        JsonNode status;
        do {
            Thread.sleep(1_000);
            status = call("GET", baseUrl + "/api/admin/replays/" + replayId, token);
            heapPeak = Math.max(heapPeak, heap(baseUrl, token));
            System.out.printf("\r  rebuilding: %,d / %,d events", status.path("eventsApplied").asLong(), status.path("eventsTotal").asLong());
        } while (status.path("status").asText().equals("RUNNING"));
        System.out.println();
        if (!status.path("status").asText().equals("COMPLETED")) {
            throw new IllegalStateException("The rebuild " + status.path("status").asText());
        }
        long nanos = Duration.between(Instant.parse(status.path("startedAt").asText()),
                Instant.parse(status.path("finishedAt").asText())).toNanos();
        return new long[] {status.path("eventsApplied").asLong(), Math.max(nanos, 1), heapPeak};
    }

    /** The largest heap use just before a collection in the GC log after {@code from} (bytes), in bytes. */
    private static long heapBeforeCollections(Path gcLog, long from) throws IOException {
        byte[] all = Files.readAllBytes(gcLog);
        String log = new String(all, (int) Math.min(from, all.length), (int) Math.max(0, all.length - from),
                java.nio.charset.StandardCharsets.UTF_8);
        long peak = 0;
        java.util.regex.Matcher collection = java.util.regex.Pattern.compile(" (\\d+)([KMG])->\\d+[KMG]\\(").matcher(log);
        while (collection.find()) {
            long shift = switch (collection.group(2)) {
                case "K" -> 10;
                case "M" -> 20;
                default -> 30;
            };
            peak = Math.max(peak, Long.parseLong(collection.group(1)) << shift);
        }
        return peak;
    }

    /** Events per second of the one-event-per-transaction path, over a window after a warm-up. */
    private static double baseline(String baseUrl, String token, Duration window) throws Exception {
        Thread.sleep(5_000);
        long before = applied(baseUrl, token);
        long t0 = System.nanoTime();
        Thread.sleep(window.toMillis());
        long after = applied(baseUrl, token);
        return (after - before) * 1e9 / (System.nanoTime() - t0);
    }

    private static long applied(String baseUrl, String token) throws Exception {
        return call("GET", baseUrl + "/actuator/metrics/pathway.projection.events.applied", token)
                .path("measurements").get(0).path("value").asLong();
    }

    private static long heap(String baseUrl, String token) throws Exception {
        return call("GET", baseUrl + "/actuator/metrics/jvm.memory.used?tag=area:heap", token)
                .path("measurements").get(0).path("value").asLong();
    }

    private static JsonNode call(String method, String url, String token) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
                .method(method, HttpRequest.BodyPublishers.noBody()).build();
        return EventJson.mapper().readTree(HTTP.send(request, HttpResponse.BodyHandlers.ofString()).body());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
