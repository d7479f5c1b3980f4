package uk.nhs.opd.pathway.local;

import static org.assertj.core.api.Assertions.assertThat;

/** The walking-skeleton journey posted through the public HTTP contract: a service, a person, screening, referral. */
final class Scenario {

    private final Http http = new Http();
    private final String commands;

    Scenario(String commands) {
        this.commands = commands;
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
}
