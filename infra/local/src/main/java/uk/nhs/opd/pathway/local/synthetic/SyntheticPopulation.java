package uk.nhs.opd.pathway.local.synthetic;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.function.Consumer;
import uk.nhs.opd.pathway.events.EventEnvelope;
import uk.nhs.opd.pathway.events.EventJson;
import uk.nhs.opd.pathway.events.EventTypes;
import uk.nhs.opd.pathway.events.FormulationCompleted;
import uk.nhs.opd.pathway.events.LaydownEnded;
import uk.nhs.opd.pathway.events.PathwayEvent;
import uk.nhs.opd.pathway.events.PathwayExited;
import uk.nhs.opd.pathway.events.PersonAdmitted;
import uk.nhs.opd.pathway.events.PersonDeselected;
import uk.nhs.opd.pathway.events.PersonRecalled;
import uk.nhs.opd.pathway.events.PersonRegistered;
import uk.nhs.opd.pathway.events.PersonReleased;
import uk.nhs.opd.pathway.events.PersonScreened;
import uk.nhs.opd.pathway.events.PersonTransitioned;
import uk.nhs.opd.pathway.events.PlacementCompleted;
import uk.nhs.opd.pathway.events.ReferralAccepted;
import uk.nhs.opd.pathway.events.ReferralMade;
import uk.nhs.opd.pathway.events.ReferralPaused;
import uk.nhs.opd.pathway.events.ReferralRejected;
import uk.nhs.opd.pathway.events.ReferralResumed;
import uk.nhs.opd.pathway.events.ReferralWithdrawn;
import uk.nhs.opd.pathway.events.ServiceRegistered;
import uk.nhs.opd.pathway.events.vocabulary.AgeBand;
import uk.nhs.opd.pathway.events.vocabulary.DeselectionDisposition;
import uk.nhs.opd.pathway.events.vocabulary.DeselectionInitiator;
import uk.nhs.opd.pathway.events.vocabulary.DeselectionReason;
import uk.nhs.opd.pathway.events.vocabulary.DeselectionReasonCategory;
import uk.nhs.opd.pathway.events.vocabulary.LaydownOutcome;
import uk.nhs.opd.pathway.events.vocabulary.Location;
import uk.nhs.opd.pathway.events.vocabulary.LocationType;
import uk.nhs.opd.pathway.events.vocabulary.Pathway;
import uk.nhs.opd.pathway.events.vocabulary.PauseReason;
import uk.nhs.opd.pathway.events.vocabulary.ReferralSource;
import uk.nhs.opd.pathway.events.vocabulary.ReferralStatus;
import uk.nhs.opd.pathway.events.vocabulary.ReleaseType;
import uk.nhs.opd.pathway.events.vocabulary.RiskLevel;
import uk.nhs.opd.pathway.events.vocabulary.ScreeningAnswers;
import uk.nhs.opd.pathway.events.vocabulary.ScreeningOutcome;
import uk.nhs.opd.pathway.events.vocabulary.SealedPersonalData;
import uk.nhs.opd.pathway.events.vocabulary.SentenceType;
import uk.nhs.opd.pathway.events.vocabulary.ServiceType;
import uk.nhs.opd.pathway.events.vocabulary.Setting;
import uk.nhs.opd.pathway.events.vocabulary.TransitionKind;

/**
 * A synthetic national OPD population (seeds 001 and 003: about 35,000 people, 32,000 men and 3,000 women) as
 * event envelopes: screening in and out, referrals accepted, rejected, withdrawn and paused, waits, admissions,
 * de-selections with laydowns, progressions, open conditions, releases, recalls and exits, over 2015–2025.
 * Deterministic for a seed. Personal data is a placeholder seal: the generator never makes real-looking identifiers.
 */
public final class SyntheticPopulation {

    private static final String[] REGIONS = {"NORTH_EAST", "NORTH_WEST", "YORKSHIRE", "MIDLANDS", "EAST", "LONDON",
            "SOUTH_EAST", "SOUTH_WEST", "WALES"};
    private static final String[] ETHNICITIES = {"WHITE_BRITISH", "WHITE_OTHER", "BLACK_CARIBBEAN", "BLACK_AFRICAN",
            "ASIAN_PAKISTANI", "ASIAN_INDIAN", "MIXED", "OTHER", "NOT_STATED"};
    private static final Instant START = Instant.parse("2015-01-01T09:00:00Z");
    private static final Instant END = Instant.parse("2025-06-30T17:00:00Z");

    /** A service of the synthetic estate. */
    public record Service(String serviceId, ServiceType type, Setting setting, Pathway pathway, String region) {
    }

    private final Random random;
    private final List<Service> services = new ArrayList<>();
    private int nextPerson;

    public SyntheticPopulation(long seed) {
        this.random = new Random(seed);
        for (String region : REGIONS) {
            addService(region, ServiceType.TREATMENT, Setting.CUSTODY, Pathway.MEN);
            addService(region, ServiceType.THERAPEUTIC_COMMUNITY, Setting.CUSTODY, Pathway.MEN);
            addService(region, ServiceType.PIPE_PRISON, Setting.CUSTODY, Pathway.MEN);
            addService(region, ServiceType.PIPE_APPROVED_PREMISES, Setting.COMMUNITY, Pathway.ALL);
            addService(region, ServiceType.IIRMS, Setting.COMMUNITY, Pathway.ALL);
            addService(region, ServiceType.DAY, Setting.COMMUNITY, Pathway.WOMEN);
            addService(region, ServiceType.THERAPEUTIC_COMMUNITY, Setting.CUSTODY, Pathway.WOMEN);
        }
    }

    private void addService(String region, ServiceType type, Setting setting, Pathway pathway) {
        services.add(new Service("S-" + type.name().toLowerCase().replace('_', '-') + "-" + pathway.name().toLowerCase()
                + "-" + region.toLowerCase().replace('_', '-'), type, setting, pathway, region));
    }

    public List<Service> services() {
        return services;
    }

    /** The envelopes registering every service. */
    public void services(Consumer<EventEnvelope> sink) {
        for (Service service : services) {
            sink.accept(envelope(null, service.serviceId(), 0, START.minus(Duration.ofDays(365)),
                    new ServiceRegistered(service.serviceId().substring(2), service.type(), service.setting(),
                            service.pathway(), service.region(), 20 + random.nextInt(60))));
        }
    }

    /** Generates {@code people} more people (in the ratio 32:3 men to women), handing each event to {@code sink}. */
    public long people(int people, Consumer<EventEnvelope> sink) {
        long events = 0;
        for (int i = 0; i < people; i++) {
            int number = nextPerson++;
            Pathway pathway = number % 35 < 32 ? Pathway.MEN : Pathway.WOMEN;
            events += person(String.format("P-%07d", number), pathway, sink);
        }
        return events;
    }

    private long person(String personId, Pathway pathway, Consumer<EventEnvelope> sink) {
        Life life = new Life(personId, sink);
        String region = REGIONS[random.nextInt(REGIONS.length)];
        boolean custody = random.nextInt(10) < 8;
        Location location = custody ? new Location(LocationType.PRISON, "HMP-" + region.substring(0, 3) + random.nextInt(9))
                : new Location(LocationType.COMMUNITY, "PDU-" + region.substring(0, 3));
        SentenceType sentence = pick(SentenceType.DETERMINATE, SentenceType.DETERMINATE, SentenceType.DETERMINATE,
                SentenceType.LIFE, SentenceType.IPP, SentenceType.INDETERMINATE);
        LocalDate dateOfBirth = LocalDate.of(1950 + random.nextInt(50), 1 + random.nextInt(12), 1 + random.nextInt(28));
        Instant registered = START.plus(Duration.ofDays(random.nextInt(2500)));
        life.at(registered, new PersonRegistered(pathway, ETHNICITIES[random.nextInt(ETHNICITIES.length)], sentence,
                sentence == SentenceType.LIFE || sentence == SentenceType.IPP ? LocalDate.of(2012 + random.nextInt(16), 6, 1) : null,
                sentence == SentenceType.DETERMINATE ? LocalDate.of(2024 + random.nextInt(6), 1 + random.nextInt(12), 1) : null,
                region, location, AgeBand.on(dateOfBirth, registered.atZone(ZoneOffset.UTC).toLocalDate()),
                new SealedPersonalData("v1.synthetic")));
        int screen = random.nextInt(20);
        ScreeningOutcome outcome = screen < 17 ? ScreeningOutcome.SCREENED_IN
                : screen < 19 ? ScreeningOutcome.SCREENED_OUT : ScreeningOutcome.SCREENED_IN_BY_OVERRIDE;
        life.later(20, new PersonScreened(pathway == Pathway.MEN ? new ScreeningAnswers(true, true, null, true, outcome == ScreeningOutcome.SCREENED_IN)
                        : new ScreeningAnswers(null, null, true, true, outcome == ScreeningOutcome.SCREENED_IN),
                pick(RiskLevel.HIGH, RiskLevel.HIGH, RiskLevel.VERY_HIGH, RiskLevel.MEDIUM), outcome,
                outcome == ScreeningOutcome.SCREENED_IN_BY_OVERRIDE ? "Clinically justifiable reason recorded" : null));
        if (outcome == ScreeningOutcome.SCREENED_OUT) {
            return life.count;
        }
        life.later(30, new FormulationCompleted(1 + random.nextInt(3)));
        int referrals = 3 + random.nextInt(5);
        for (int r = 0; r < referrals && !life.exited; r++) {
            referralAndPlacement(life, region, pathway, r);
        }
        if (!life.exited && life.inCustody() && random.nextInt(10) < 7) {
            if (random.nextBoolean()) {
                life.later(90, new PersonTransitioned(TransitionKind.TO_OPEN_CONDITIONS,
                        new Location(LocationType.OPEN_PRISON, "HMP-OPEN-" + region.substring(0, 3)), null, null, life.endCustodyPlacements()));
            }
            life.later(120, new PersonReleased(ReleaseType.LICENCE, new Location(LocationType.APPROVED_PREMISES,
                    "AP-" + region.substring(0, 3)), life.endCustodyPlacements()));
            if (random.nextInt(100) < 15) {
                life.later(200, new PersonRecalled(new Location(LocationType.PRISON, "HMP-" + region.substring(0, 3) + "1"),
                        "Breach of licence conditions", List.of()));
            } else {
                referralAndPlacement(life, region, pathway, referrals);
            }
        }
        if (!life.exited && random.nextInt(10) == 0) {
            life.later(365, new PathwayExited("Licence ended", life.endAllPlacements()));
        }
        return life.count;
    }

    private void referralAndPlacement(Life life, String region, Pathway pathway, int index) {
        Service service = serviceFor(region, pathway, life.inCustody());
        if (life.hasOpenReferralTo(service.serviceId()) || life.placements.contains(service)) {
            return;
        }
        String referralId = "R-" + life.personId.substring(2) + "-" + index;
        life.later(60, new ReferralMade(referralId, service.serviceId(), pick(ReferralSource.values()), true,
                "Synthetic referral", random.nextInt(5) == 0));
        life.openReferrals.add(service.serviceId());
        int decision = random.nextInt(10);
        if (decision < 2) {
            life.later(30, new ReferralRejected(referralId, "Not suitable at present"));
            life.openReferrals.remove(service.serviceId());
            return;
        }
        if (decision == 2) {
            life.later(30, new ReferralWithdrawn(referralId, "Person moved out of the area"));
            life.openReferrals.remove(service.serviceId());
            return;
        }
        life.later(30, new ReferralAccepted(referralId));
        if (random.nextInt(8) == 0) {
            life.later(60, new ReferralPaused(referralId, PauseReason.SUITABLE_NOT_READY, ReferralStatus.ACCEPTED));
            life.later(90, new ReferralResumed(referralId, ReferralStatus.ACCEPTED));
        }
        if (random.nextInt(10) < 3) {
            return; // still waiting
        }
        life.later(120, new PersonAdmitted(referralId, service.serviceId(), null));
        life.placements.add(service);
        int course = random.nextInt(10);
        if (course < 3) {
            boolean laydown = random.nextBoolean();
            life.later(150, new PersonDeselected(service.serviceId(), referralId, random.nextBoolean()
                    ? DeselectionInitiator.SERVICE : DeselectionInitiator.PERSON,
                    laydown ? DeselectionDisposition.LAYDOWN : DeselectionDisposition.CLOSED,
                    pick(DeselectionReasonCategory.values()), laydown ? DeselectionReason.NOT_READY : DeselectionReason.NON_ENGAGEMENT,
                    null));
            if (laydown) {
                boolean back = random.nextBoolean();
                life.later(90, new LaydownEnded(service.serviceId(), back ? LaydownOutcome.READMITTED : LaydownOutcome.CLOSED));
                if (back) {
                    life.later(200, new PlacementCompleted(service.serviceId()));
                }
            }
            life.placements.remove(service);
            life.openReferrals.remove(service.serviceId());
        } else if (course < 8) {
            life.later(300, new PlacementCompleted(service.serviceId()));
            life.placements.remove(service);
            life.openReferrals.remove(service.serviceId());
        }
    }

    private Service serviceFor(String region, Pathway pathway, boolean custody) {
        List<Service> candidates = services.stream()
                .filter(s -> s.region().equals(region))
                .filter(s -> s.pathway() == Pathway.ALL || s.pathway() == pathway)
                .filter(s -> (s.setting() == Setting.CUSTODY) == custody)
                .toList();
        return candidates.get(random.nextInt(candidates.size()));
    }

    @SafeVarargs
    private <T> T pick(T... values) {
        return values[random.nextInt(values.length)];
    }

    static EventEnvelope envelope(String personId, String serviceId, long sequence, Instant occurredAt, PathwayEvent event) {
        EventTypes.EventType type = EventTypes.ofClass(event.getClass()).orElseThrow();
        String streamId = personId != null ? personId : serviceId;
        return new EventEnvelope(UUID.nameUUIDFromBytes((streamId + "#" + sequence).getBytes()), type.name(),
                type.schemaVersion(), personId, serviceId, sequence, occurredAt, occurredAt.plusSeconds(30),
                "synthetic", EventJson.toTree(event));
    }

    /** One person's life as it is generated: their events in order, where they are, what is open. */
    private final class Life {
        final String personId;
        final Consumer<EventEnvelope> sink;
        final List<String> openReferrals = new ArrayList<>();
        final List<Service> placements = new ArrayList<>();
        Instant now;
        long count;
        boolean exited;
        LocationType where;

        Life(String personId, Consumer<EventEnvelope> sink) {
            this.personId = personId;
            this.sink = sink;
        }

        void at(Instant when, PathwayEvent event) {
            now = when;
            if (event instanceof PersonRegistered registered) {
                where = registered.location().type();
            } else if (event instanceof PersonTransitioned t) {
                where = t.toLocation().type();
            } else if (event instanceof PersonReleased r) {
                where = r.toLocation().type();
            } else if (event instanceof PersonRecalled r) {
                where = r.toLocation().type();
            } else if (event instanceof PathwayExited) {
                exited = true;
            }
            sink.accept(envelope(personId, null, count++, now, event));
        }

        void later(int maxDays, PathwayEvent event) {
            Instant when = now.plus(Duration.ofDays(1 + random.nextInt(maxDays)));
            at(when.isAfter(END) ? END.plusSeconds(count) : when, event);
        }

        boolean inCustody() {
            return where.isCustody();
        }

        boolean hasOpenReferralTo(String serviceId) {
            return openReferrals.contains(serviceId);
        }

        List<String> endCustodyPlacements() {
            List<String> ended = placements.stream().filter(s -> s.setting() == Setting.CUSTODY).map(Service::serviceId).toList();
            placements.removeIf(s -> s.setting() == Setting.CUSTODY);
            openReferrals.removeAll(ended);
            return ended;
        }

        List<String> endAllPlacements() {
            List<String> ended = placements.stream().map(Service::serviceId).toList();
            placements.clear();
            return ended;
        }
    }
}
