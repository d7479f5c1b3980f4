package uk.nhs.opd.pathway.local;

import static org.assertj.core.api.Assertions.assertThat;

/** The walking-skeleton journey posted through the public HTTP contract: a service, a person, screening, referral. */
final class Scenario {

    private final Http http;
    private final String commands;

    /** Posts to the command service at {@code commands} with a WRITER's token. */
    Scenario(String commands, String writerToken) {
        this.commands = commands;
        this.http = new Http(writerToken);
    }

    Http.Response post(String path, String json) {
        return http.post(commands + path, json);
    }

    void registerService(String serviceId, String pathway) {
        assertThat(post("/api/services", """
                {"serviceId":"%s","name":"Westgate Unit","type":"TREATMENT","setting":"CUSTODY","pathway":"%s",
                 "region":"NORTH_EAST","capacity":80}""".formatted(serviceId, pathway)).status()).isEqualTo(201);
    }

    void registerAndScreenIn(String personId) {
        assertThat(post("/api/people", """
                {"personId":"%s","pathway":"MEN","dateOfBirth":"1980-05-01","ethnicity":"WHITE_BRITISH",
                 "sentenceType":"IPP","tariffExpiryDate":"2019-01-01","region":"NORTH_EAST",
                 "location":{"type":"PRISON","code":"FKI"},"crn":"X123456","prisonNumber":"A1234BC",
                 "occurredAt":"2024-01-10T10:00:00Z"}""".formatted(personId)).status()).isEqualTo(201);
        assertThat(post("/api/people/" + personId + "/screenings", """
                {"criteria":{"highLikelihoodOfViolentOrSexualReoffending":true,"highOrVeryHighRiskOfSeriousHarm":true,
                 "likelySeverePersonalityDisorder":true,"clinicallyJustifiableLink":true},"riskOfSeriousHarm":"VERY_HIGH",
                 "occurredAt":"2024-02-01T10:00:00Z"}""").status()).isEqualTo(201);
    }

    Http.Response refer(String personId, String referralId, String serviceId) {
        return post("/api/people/" + personId + "/referrals", """
                {"referralId":"%s","serviceId":"%s","source":"OFFENDER_MANAGER","offenderManagerSupports":true,
                 "failedOtherInterventions":true}""".formatted(referralId, serviceId));
    }

    /** Posts a command that must be accepted and returns its answer. */
    Http.Response step(String path, String json) {
        Http.Response response = post(path, json);
        assertThat(response.status()).as(path + " " + response.body()).isEqualTo(201);
        return response;
    }

    /**
     * A multi-year community-to-community journey: registered in prison, treatment with a laydown, progression to a
     * PIPE, open conditions, release to approved premises, a community service. Returns the number of events.
     */
    int multiYearJourney(String personId, String treatment, String pipe, String community) {
        String p = "/api/people/" + personId;
        step("/api/services", service(treatment, "TREATMENT", "CUSTODY"));
        step("/api/services", service(pipe, "PIPE_PRISON", "CUSTODY"));
        step("/api/services", service(community, "DAY", "COMMUNITY"));
        step("/api/people", """
                {"personId":"%s","pathway":"MEN","dateOfBirth":"1985-02-11","ethnicity":"BLACK_CARIBBEAN",
                 "sentenceType":"DETERMINATE","earliestReleaseDate":"2023-01-15","region":"NORTH_EAST",
                 "location":{"type":"PRISON","code":"FKI"},"prisonNumber":"A7654ZY","occurredAt":"2019-03-01T09:00:00Z"}"""
                .formatted(personId));
        step(p + "/screenings", """
                {"criteria":{"highLikelihoodOfViolentOrSexualReoffending":true,"highOrVeryHighRiskOfSeriousHarm":true,
                 "likelySeverePersonalityDisorder":true,"clinicallyJustifiableLink":true},"riskOfSeriousHarm":"HIGH",
                 "occurredAt":"2019-04-01T09:00:00Z"}""");
        step(p + "/formulations", "{\"level\":3,\"occurredAt\":\"2019-05-01T09:00:00Z\"}");
        step(p + "/referrals", referral("R-tc", treatment, "2019-06-01"));
        step(p + "/referrals/R-tc/decision", "{\"outcome\":\"ACCEPTED\",\"occurredAt\":\"2019-07-01T09:00:00Z\"}");
        step(p + "/admissions", "{\"referralId\":\"R-tc\",\"occurredAt\":\"2019-09-02T09:00:00Z\"}");
        step(p + "/deselections", """
                {"serviceId":"%s","initiatedBy":"PERSON","disposition":"LAYDOWN","reasonCategory":"PERSONAL",
                 "reasonCode":"NOT_READY","notes":"Outreach continues","occurredAt":"2020-03-02T09:00:00Z"}""".formatted(treatment));
        step(p + "/laydown-ends", "{\"serviceId\":\"%s\",\"outcome\":\"READMITTED\",\"occurredAt\":\"2020-06-01T09:00:00Z\"}"
                .formatted(treatment));
        step(p + "/referrals", referral("R-pipe", pipe, "2021-01-11"));
        step(p + "/referrals/R-pipe/decision", "{\"outcome\":\"ACCEPTED\",\"occurredAt\":\"2021-02-01T09:00:00Z\"}");
        step(p + "/transitions", """
                {"kind":"PROGRESSION","toLocation":{"type":"PRISON","code":"FKI"},"toReferralId":"R-pipe",
                 "occurredAt":"2021-03-01T09:00:00Z"}""");
        step(p + "/transitions", """
                {"kind":"TO_OPEN_CONDITIONS","toLocation":{"type":"OPEN_PRISON","code":"HDI"},"occurredAt":"2022-06-01T09:00:00Z"}""");
        step(p + "/releases", """
                {"releaseType":"LICENCE","toLocation":{"type":"APPROVED_PREMISES","code":"AP-DURHAM"},
                 "occurredAt":"2023-01-15T09:00:00Z"}""");
        step(p + "/referrals", referral("R-com", community, "2023-02-01"));
        step(p + "/referrals/R-com/decision", "{\"outcome\":\"ACCEPTED\",\"occurredAt\":\"2023-02-15T09:00:00Z\"}");
        step(p + "/admissions", "{\"referralId\":\"R-com\",\"occurredAt\":\"2023-03-01T09:00:00Z\"}");
        Http.Response last = step(p + "/completions", "{\"serviceId\":\"%s\",\"occurredAt\":\"2024-03-01T09:00:00Z\"}"
                .formatted(community));
        return (int) last.body().path("version").asLong() + 1;
    }

    private static String service(String serviceId, String type, String setting) {
        return """
                {"serviceId":"%s","name":"%s service","type":"%s","setting":"%s","pathway":"MEN","region":"NORTH_EAST",
                 "capacity":40,"occurredAt":"2018-01-01T00:00:00Z"}""".formatted(serviceId, type, type, setting);
    }

    private static String referral(String referralId, String serviceId, String date) {
        return """
                {"referralId":"%s","serviceId":"%s","source":"OFFENDER_MANAGER","offenderManagerSupports":true,
                 "occurredAt":"%sT09:00:00Z"}""".formatted(referralId, serviceId, date);
    }

    /**
     * A person registered in prison, screened with the given risk, referred to the service and accepted on the given
     * date. {@code sentence} is e.g. {@code "IPP","tariffExpiryDate":"2021-01-01"}.
     */
    void waitingPerson(String personId, String sentence, String risk, boolean failedOtherInterventions,
                       String serviceId, String referralId, String acceptedOn) {
        step("/api/people", """
                {"personId":"%s","pathway":"MEN","dateOfBirth":"1979-08-20","ethnicity":"WHITE_BRITISH",
                 "sentenceType":"%s,"region":"NORTH_EAST","location":{"type":"PRISON","code":"FKI"},
                 "occurredAt":"2020-01-01T09:00:00Z"}""".formatted(personId, sentence));
        step("/api/people/" + personId + "/screenings", """
                {"criteria":{"highLikelihoodOfViolentOrSexualReoffending":true,"highOrVeryHighRiskOfSeriousHarm":true,
                 "likelySeverePersonalityDisorder":true,"clinicallyJustifiableLink":true},"riskOfSeriousHarm":"%s",
                 "occurredAt":"2020-02-01T09:00:00Z"}""".formatted(risk));
        step("/api/people/" + personId + "/referrals", """
                {"referralId":"%s","serviceId":"%s","source":"OFFENDER_MANAGER","offenderManagerSupports":true,
                 "failedOtherInterventions":%s,"occurredAt":"2020-03-01T09:00:00Z"}"""
                .formatted(referralId, serviceId, failedOtherInterventions));
        step("/api/people/" + personId + "/referrals/" + referralId + "/decision",
                "{\"outcome\":\"ACCEPTED\",\"occurredAt\":\"%sT09:00:00Z\"}".formatted(acceptedOn));
    }
}
