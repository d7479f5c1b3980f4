package uk.nhs.opd.pathway.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A real single-node Kafka broker in KRaft mode (combined broker and controller), run as a child JVM from the
 * Kafka jars on this JVM's class path. Its log directory survives restarts: storage is formatted only once.
 * It listens on loopback only.
 */
public final class LocalKafka implements AutoCloseable {

    private final Process process;
    private final int port;

    private LocalKafka(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /**
     * Starts the broker and waits until it accepts connections.
     *
     * @param directory      holds {@code server.properties}, the log directory and the broker's own log file
     * @param port           the client port ({@code localhost:port})
     * @param controllerPort the KRaft controller port
     */
    public static LocalKafka start(Path directory, int port, int controllerPort, Duration timeout) {
        try {
            Path data = directory.resolve("data");
            Files.createDirectories(data);
            Path config = directory.resolve("server.properties");
            Files.writeString(config, serverProperties(data, port, controllerPort), StandardCharsets.UTF_8);
            Path log = directory.resolve("broker.log");
            if (!Files.exists(data.resolve("meta.properties"))) {
                Process format = java("kafka.tools.StorageTool", log,
                        "format", "-t", clusterId(), "-c", config.toString(), "--ignore-formatted");
                if (!format.waitFor(60, TimeUnit.SECONDS) || format.exitValue() != 0) {
                    throw new IllegalStateException("Formatting Kafka storage failed; see " + log);
                }
            }
            Process broker = java("kafka.Kafka", log, config.toString());
            LocalKafka kafka = new LocalKafka(broker, port);
            kafka.awaitListening(timeout, log);
            return kafka;
        } catch (IOException e) {
            throw new UncheckedIOException("Kafka did not start", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while starting Kafka", e);
        }
    }

    public String bootstrapServers() {
        return "localhost:" + port;
    }

    private void awaitListening(Duration timeout, Path log) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Kafka exited with " + process.exitValue() + "; see " + log);
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("localhost", port), 200);
                return;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        close();
        throw new IllegalStateException("Kafka did not listen on port " + port + " within " + timeout + "; see " + log);
    }

    private static String clusterId() {
        // Kafka cluster ids are 16 bytes, base64url without padding (what `kafka-storage random-uuid` prints). One in
        // 64 would start with '-', which the storage tool's argument parser takes for an option (and so fails to
        // format); like Kafka's own Uuid.randomUuid(), draw again.
        while (true) {
            UUID uuid = UUID.randomUUID();
            byte[] bytes = java.nio.ByteBuffer.allocate(16)
                    .putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits()).array();
            String id = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            if (!id.startsWith("-")) {
                return id;
            }
        }
    }

    private static String serverProperties(Path data, int port, int controllerPort) {
        return String.join("\n",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@localhost:" + controllerPort,
                "listeners=PLAINTEXT://localhost:" + port + ",CONTROLLER://localhost:" + controllerPort,
                "advertised.listeners=PLAINTEXT://localhost:" + port,
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "log.dirs=" + data.toAbsolutePath(),
                "num.partitions=1",
                "auto.create.topics.enable=false",
                "offsets.topic.replication.factor=1",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                "log.retention.hours=-1",
                "") ;
    }

    private static Process java(String mainClass, Path log, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xms128m", "-Xmx512m", "-XX:+UseSerialGC",
                "-Dlog4j.configuration=none", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                "-cp", System.getProperty("java.class.path"),
                mainClass));
        command.addAll(List.of(args));
        return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
