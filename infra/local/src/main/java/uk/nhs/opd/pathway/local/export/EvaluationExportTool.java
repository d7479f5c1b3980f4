package uk.nhs.opd.pathway.local.export;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import uk.nhs.opd.pathway.events.EventJson;

/**
 * The evaluators' export from the command line: downloads {@code /api/evaluation/events} to a file with a progress
 * bar, then checks the SHA-256 trailer against what it received, so a copy can be trusted (and a later export of
 * the same history compared byte for byte).
 *
 * <p>Usage: {@code ./export-evaluation <output.ndjson> [query-service URL] [token]}; the token defaults to the
 * evaluator's in {@code .pathway/local-tokens.json}.
 */
public final class EvaluationExportTool {

    private EvaluationExportTool() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("Usage: ./export-evaluation <output.ndjson> [query-service URL] [token]");
            System.exit(2);
        }
        Path output = Path.of(args[0]);
        String baseUrl = args.length > 1 ? args[1] : "http://localhost:8082";
        String token = args.length > 2 ? args[2]
                : EventJson.mapper().readTree(Files.readString(Path.of(".pathway", "local-tokens.json"))).path("evaluator").asText();
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/api/evaluation/events"))
                .header("Authorization", "Bearer " + token).GET().build();
        HttpResponse<InputStream> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() != 200) {
            System.err.println("The export was refused: HTTP " + response.statusCode()
                    + new String(response.body().readAllBytes(), StandardCharsets.UTF_8));
            System.exit(1);
        }
        long total = response.headers().firstValueAsLong("X-Total-Events").orElse(-1);
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        long lines = 0;
        String trailer = null;
        try (BufferedReader in = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8));
             OutputStream out = Files.newOutputStream(output)) {
            String line;
            while ((line = in.readLine()) != null) {
                byte[] bytes = (line + "\n").getBytes(StandardCharsets.UTF_8);
                out.write(bytes);
                if (line.startsWith("{\"checksum\"")) {
                    trailer = line;
                } else {
                    sha.update(bytes);
                    lines++;
                    if (lines % 5_000 == 0 || lines == total) {
                        progress(lines, total);
                    }
                }
            }
        }
        progress(lines, total);
        System.err.println();
        verify(trailer, HexFormat.of().formatHex(sha.digest()), lines, output);
    }

    private static void verify(String trailer, String received, long lines, Path output) throws IOException {
        if (trailer == null) {
            System.err.println("The export ended without its checksum line: incomplete download");
            System.exit(1);
        }
        JsonNode checksum = EventJson.mapper().readTree(trailer).path("checksum");
        if (!checksum.path("value").asText().equals(received) || checksum.path("events").asLong() != lines) {
            System.err.println("Checksum mismatch: the file does not match what the service sent");
            System.exit(1);
        }
        System.out.printf("%,d events written to %s; SHA-256 %s verified%n", lines, output, received);
    }

    private static void progress(long done, long total) {
        int width = 40;
        int filled = total > 0 ? (int) Math.min(width, done * width / total) : 0;
        String bar = "#".repeat(filled) + "-".repeat(width - filled);
        String of = total > 0 ? String.format(" / %,d (%d%%)", total, done * 100 / Math.max(total, 1)) : "";
        System.err.printf("\r  [%s] %,d events%s", bar, done, of);
    }
}
