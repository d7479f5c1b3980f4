package uk.nhs.opd.pathway.query.journey;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A person's community-to-community journey (API.md), folded from their events by {@link JourneyFold}. It holds no
 * personal data (that stays sealed on the command side): the date of birth only shows as the age band at
 * registration, and {@code personalDataErased} says when even the sealed copy has been shredded.
 * {@code servicesEverReferredTo} (not part of the read) names every service the person was referred to in what the
 * platform knew, retracted referrals included: a wait list as known at an earlier time must consider them.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Journey(
        String personId,
        String pathway,
        String status,
        String sentenceType,
        LocalDate tariffExpiryDate,
        LocalDate earliestReleaseDate,
        String region,
        String ethnicity,
        String ageBand,
        Instant registeredAt,
        Location location,
        Screening screening,
        Integer formulationLevel,
        List<Segment> segments,
        List<Placement> placements,
        List<Referral> referrals,
        boolean communityToCommunity,
        Instant exitedAt,
        boolean personalDataErased,
        List<String> retractedEventIds,
        Instant lastEventRecordedAt,
        @JsonIgnore List<String> servicesEverReferredTo) {

    public record Location(String type, String code) {
    }

    public record Screening(String outcome, String riskOfSeriousHarm, Instant screenedAt) {
    }

    /** Where the person was, from one move to the next ({@code to} is absent for where they are now). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Segment(Location location, String setting, Instant from, Instant to) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Period(Instant from, Instant to) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Placement(String serviceId, String referralId, Instant referredAt, Instant acceptedAt,
                            Instant admittedAt, List<Period> laydowns, Instant endedAt, String endReason,
                            Deselection deselection, String capacityOverrideReason) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Deselection(String initiatedBy, String disposition, String reasonCategory, String reasonCode,
                              Instant at) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Referral(String referralId, String serviceId, String status, String source,
                           boolean failedOtherInterventions, Instant referredAt, Instant acceptedAt, Instant admittedAt,
                           Instant closedAt, String transferredFrom, String transferredTo, String ageBand,
                           List<StatusChange> statusHistory, List<Period> pauses, Long waitDays, Long waitDaysNet) {
    }

    public record StatusChange(String status, Instant at) {
    }
}
