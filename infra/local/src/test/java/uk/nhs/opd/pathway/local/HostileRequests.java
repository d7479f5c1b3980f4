package uk.nhs.opd.pathway.local;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Generates malformed and adversarial requests for every endpoint of both services, each built so that it cannot
 * be a valid command (a creation always carries at least one breaking change; every other command names a person
 * or service that does not exist). Seeded, so a failure can be replayed.
 */
final class HostileRequests {

    private static final String[] ODD_STRINGS = {
            "' OR 1=1 --", "'; DROP TABLE domain_event_entry; --", "<script>alert(1)</script>", "${jndi:ldap://x/a}",
            "\u0000", "\uD83D\uDE00\u202E\u200B", "../../../../etc/passwd", "%00%ff", "\\\\u0000", "NaN", "-Infinity",
            "x".repeat(5_000), "\u0130\u0131\u00DF", "\"", "{}", "[]", "null", " ", ""};
    private static final String[] ODD_NUMBERS = {
            "-1", "-2147483649", "2147483648", "9".repeat(400), "1e309", "0.5", "0x10", "true", "[]", "{}", "\"\""};
    private static final String[] CONTENT_TYPES = {
            "text/plain", "application/xml", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "",
            "application/json; charset=utf-16", "application/javascript"};

    private static final String PERSON = """
            {"pathway":"MEN","dateOfBirth":"1980-05-01","ethnicity":"WHITE_BRITISH","sentenceType":"IPP",
             "region":"NORTH_EAST","location":{"type":"PRISON","code":"FKI"},"crn":"X1"}""";
    private static final String SERVICE = """
            {"name":"x","type":"DAY","setting":"COMMUNITY","pathway":"ALL","region":"r","capacity":1}""";
    private static final String[][] PERSON_COMMANDS = {
            {"identifiers", "{\"type\":\"CRN\",\"value\":\"X1\"}"},
            {"screenings", "{\"criteria\":{\"likelySeverePersonalityDisorder\":true},\"riskOfSeriousHarm\":\"HIGH\"}"},
            {"formulations", "{\"level\":3}"},
            {"referrals", "{\"serviceId\":\"S-1\",\"source\":\"SELF\",\"offenderManagerSupports\":true}"},
            {"referrals/R-1/decision", "{\"outcome\":\"ACCEPTED\"}"},
            {"referrals/R-1/withdrawal", "{\"reason\":\"x\"}"},
            {"referrals/R-1/pause", "{\"reason\":\"PERSON_CHOICE\"}"},
            {"referrals/R-1/resume", "{}"},
            {"referrals/R-1/transfer", "{\"toServiceId\":\"S-2\",\"reason\":\"x\"}"},
            {"admissions", "{\"referralId\":\"R-1\"}"},
            {"deselections", "{\"serviceId\":\"S-1\",\"initiatedBy\":\"SERVICE\",\"disposition\":\"CLOSED\",\"reasonCategory\":\"OTHER\"}"},
            {"laydown-ends", "{\"serviceId\":\"S-1\",\"outcome\":\"CLOSED\"}"},
            {"completions", "{\"serviceId\":\"S-1\"}"},
            {"transitions", "{\"kind\":\"TRANSFER\",\"toLocation\":{\"type\":\"PRISON\",\"code\":\"X\"}}"},
            {"releases", "{\"releaseType\":\"LICENCE\",\"toLocation\":{\"type\":\"COMMUNITY\",\"code\":\"X\"}}"},
            {"recalls", "{\"toLocation\":{\"type\":\"PRISON\",\"code\":\"X\"},\"reason\":\"x\"}"},
            {"exit", "{\"reason\":\"x\"}"},
            {"corrections", "{\"eventId\":\"00000000-0000-0000-0000-000000000001\",\"reason\":\"x\"}"}};
    private static final String[] READS = {
            "/api/people/%s/journey", "/api/people/%s/journey?asOf=%s", "/api/people/P-1/journey?knownAt=%s%s",
            "/api/services/%s/waitlist", "/api/services/S-1/waitlist?region=%s%s", "/api/services?type=%s%s",
            "/api/stats/referrals?groupBy=%s%s", "/api/admin/dead-letters%s%s", "/api/evaluation/events%s%s"};

    private final Random random;
    private final String commands;
    private final String reads;
    private final String writer;
    private final String reader;

    HostileRequests(long seed, String commands, String reads, String writer, String reader) {
        this.random = new Random(seed);
        this.commands = commands;
        this.reads = reads;
        this.writer = writer;
        this.reader = reader;
    }

    /** A request and, for reports, the body it carries. */
    record Hostile(HttpRequest request, String body) {
    }

    private String lastBody = "";

    List<Hostile> generate(int count) {
        List<Hostile> requests = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            lastBody = "";
            HttpRequest request = switch (random.nextInt(5)) {
                case 0 -> creation("/api/people", PERSON);
                case 1 -> creation("/api/services", SERVICE);
                case 2 -> personCommand();
                case 3 -> capacity();
                default -> read();
            };
            requests.add(new Hostile(request, lastBody));
        }
        return requests;
    }

    private HttpRequest creation(String path, String valid) {
        String body = switch (random.nextInt(9)) {
            case 0 -> valid.replaceFirst("\\{", literal("{\"hostile\":" + quoted(odd()) + ","));              // unknown field
            case 1 -> valid.replaceFirst("\"(MEN|DAY)\"", literal(quoted(odd())));                             // bad enum
            case 2 -> valid.replaceFirst("\"(1980-05-01|DAY)\"", literal(pick(ODD_NUMBERS)));                  // wrong type
            case 3 -> valid.replaceFirst(",\\s*\"region\":\"[^\"]*\"", "");                              // missing field
            case 4 -> "{\"a\":".repeat(3_000) + "1" + "}".repeat(3_000);                              // deep
            case 5 -> valid.substring(0, random.nextInt(valid.length() - 1));                         // truncated
            case 6 -> "[" + valid + "," + valid + "]";                                                // wrong shape
            case 7 -> valid.replace("\"capacity\":1", "\"capacity\":" + pick(ODD_NUMBERS))
                    .replace("\"dateOfBirth\":\"1980-05-01\"", "\"dateOfBirth\":" + quoted(odd()));  // odd values
            default -> valid.replaceFirst("\\{", literal("{\"personId\":" + quoted(odd()) + ",\"serviceId\":" + quoted(odd()) + ","));
        };
        return post(commands + path, body);
    }

    private HttpRequest personCommand() {
        String[] command = PERSON_COMMANDS[random.nextInt(PERSON_COMMANDS.length)];
        String person = random.nextBoolean() ? "P-nobody-" + random.nextInt(1000) : encode(odd());
        String body = random.nextInt(3) == 0 ? command[1].replaceFirst(":\"[^\"]*\"", literal(":" + quoted(odd()))) : command[1];
        return post(commands + "/api/people/" + person + "/" + command[0], body);
    }

    private HttpRequest capacity() {
        return HttpRequest.newBuilder(URI.create(commands + "/api/services/S-nobody-" + random.nextInt(100) + "/capacity"))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + writer)
                .PUT(HttpRequest.BodyPublishers.ofString("{\"capacity\":" + pick(ODD_NUMBERS) + "}")).build();
    }

    private HttpRequest read() {
        String path = String.format(READS[random.nextInt(READS.length)], encode(odd()), encode(odd()));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(reads + path)).GET();
        int auth = random.nextInt(10);
        if (auth > 1) {
            request.header("Authorization", "Bearer " + (auth == 2 ? writer : reader));
        } else if (auth == 1) {
            request.header("Authorization", "Bearer " + encode(odd()));
        }
        return request.build();
    }

    private HttpRequest post(String url, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url));
        int twist = random.nextInt(20);
        String contentType = twist == 0 ? pick(CONTENT_TYPES) : "application/json";
        if (!contentType.isEmpty()) {
            request.header("Content-Type", contentType);
        }
        if (twist == 1) {
            request.header("Authorization", "Bearer " + reader);             // wrong role
        } else if (twist == 2) {
            request.header("Authorization", "Basic " + encode(odd()));       // wrong scheme
        } else if (twist != 3) {                                            // 3: no token at all
            request.header("Authorization", "Bearer " + writer);
        }
        if (twist == 4) {
            request.header("Idempotency-Key", "k" + "\u00e9".repeat(random.nextInt(300)));
        } else if (twist == 5) {
            request.header("If-Match", encode(odd()));
        }
        if (twist == 6) {
            body = body + " ".repeat(70_000);                                // oversized
        }
        lastBody = body;
        return request.POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
    }

    private String odd() {
        return pick(ODD_STRINGS);
    }

    private String pick(String[] values) {
        return values[random.nextInt(values.length)];
    }

    private static String literal(String replacement) {
        return java.util.regex.Matcher.quoteReplacement(replacement);
    }

    private static String quoted(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
