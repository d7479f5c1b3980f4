package uk.nhs.opd.pathway.local.synthetic;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import uk.nhs.opd.pathway.events.EventEnvelope;

/**
 * Demo data for local mode: the synthetic population posted as commands through the public HTTP API, so it goes
 * through every rule like real input. Steps the rules refuse (the generator is not as careful as the aggregates)
 * are counted and skipped.
 */
public final class DemoData {

    /** Where each event type is posted, and the payload fields the command does not take. */
    private static final Map<String, String> PATHS = Map.ofEntries(
            Map.entry("PersonScreened", "screenings"), Map.entry("FormulationCompleted", "formulations"),
            Map.entry("ReferralMade", "referrals"), Map.entry("ReferralAccepted", "referrals/{r}/decision"),
            Map.entry("ReferralRejected", "referrals/{r}/decision"), Map.entry("ReferralWithdrawn", "referrals/{r}/withdrawal"),
            Map.entry("ReferralPaused", "referrals/{r}/pause"), Map.entry("ReferralResumed", "referrals/{r}/resume"),
            Map.entry("PersonAdmitted", "admissions"), Map.entry("PersonDeselected", "deselections"),
            Map.entry("LaydownEnded", "laydown-ends"), Map.entry("PlacementCompleted", "completions"),
            Map.entry("PersonTransitioned", "transitions"), Map.entry("PersonReleased", "releases"),
            Map.entry("PersonRecalled", "recalls"), Map.entry("PathwayExited", "exit"));
    private static final List<String> NOT_IN_COMMANDS = List.of("endedPlacements", "toServiceId", "pausedFrom",
            "resumedTo", "personal", "ageBand");

    private final HttpClient http = HttpClient.newHttpClient();
    private final String commandUrl;
    private final String writerToken;

    public DemoData(String commandUrl, String writerToken) {
        this.commandUrl = commandUrl;
        this.writerToken = writerToken;
    }

    /** Posts the services and {@code people} people; prints progress; returns {accepted, refused} command counts. */
    public long[] load(int people) throws IOException, InterruptedException {
        SyntheticPopulation population = new SyntheticPopulation(7L);
        List<EventEnvelope> events = new ArrayList<>();
        population.services(events::add);
        population.people(people, events::add);
        long accepted = 0;
        long refused = 0;
        String skippingPerson = null;
        for (int i = 0; i < events.size(); i++) {
            EventEnvelope envelope = events.get(i);
            if (envelope.personId() != null && envelope.personId().equals(skippingPerson)) {
                refused++;
                continue;
            }
            int status = post(envelope);
            if (status == 201 || status == 200) {
                accepted++;
            } else {
                refused++;
                skippingPerson = envelope.personId(); // the rest of this person's life no longer follows
            }
            if (i % 500 == 0 || i == events.size() - 1) {
                System.out.printf("\r  demo data: %,d of %,d commands (%,d refused by the rules)", i + 1, events.size(), refused);
            }
        }
        System.out.println();
        firstRefusals.forEach(refusal -> System.out.println("  e.g. " + refusal));
        return new long[] {accepted, refused};
    }

    private final List<String> firstRefusals = new ArrayList<>();

    /** A date of birth in the generated age band on the day of registration (the synthetic seal holds none). */
    private static LocalDate dateOfBirthIn(String ageBand, LocalDate registered) {
        int lowest = ageBand.endsWith("+") ? Integer.parseInt(ageBand.substring(0, ageBand.length() - 1))
                : Integer.parseInt(ageBand.substring(0, ageBand.indexOf('-')));
        return registered.minusYears(lowest + 2L).minusDays(17);
    }

    private int post(EventEnvelope envelope) throws IOException, InterruptedException {
        ObjectNode body = envelope.payload().deepCopy();
        NOT_IN_COMMANDS.forEach(body::remove);
        body.put("occurredAt", envelope.occurredAt().toString());
        String path;
        if (envelope.serviceId() != null) {
            body.put("serviceId", envelope.serviceId());
            path = "/api/services";
        } else if (envelope.type().equals("PersonRegistered")) {
            body.put("personId", envelope.personId());
            body.put("dateOfBirth", dateOfBirthIn(envelope.payload().path("ageBand").asText("35-44"),
                    envelope.occurredAt().atZone(java.time.ZoneOffset.UTC).toLocalDate()).toString());
            path = "/api/people";
        } else {
            String referralId = body.path("referralId").asText();
            if (envelope.type().equals("ReferralAccepted")) {
                body.put("outcome", "ACCEPTED");
            } else if (envelope.type().equals("ReferralRejected")) {
                body.put("outcome", "REJECTED");
            }
            if (PATHS.get(envelope.type()).contains("{r}")) {
                body.remove("referralId");
            }
            if (envelope.type().equals("PersonScreened")) {
                body.remove("outcome");        // the rules compute it from the criteria
            } else if (envelope.type().equals("PersonAdmitted")) {
                body.remove("serviceId");      // the referral names the service
            } else if (envelope.type().equals("PersonDeselected")) {
                body.remove("referralId");     // the placement names the referral
            }
            path = "/api/people/" + envelope.personId() + "/" + PATHS.get(envelope.type()).replace("{r}", referralId);
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create(commandUrl + path))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + writerToken)
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 400 && firstRefusals.size() < 5) {
            firstRefusals.add(envelope.type() + " -> " + response.statusCode() + " " + response.body());
        }
        return response.statusCode();
    }
}
