package uk.nhs.opd.pathway.query.journey;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import uk.nhs.opd.pathway.events.EventEnvelope;
import uk.nhs.opd.pathway.events.EventJson;
import uk.nhs.opd.pathway.events.EventRetracted;
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
import uk.nhs.opd.pathway.events.PersonalDataErased;
import uk.nhs.opd.pathway.events.PlacementCompleted;
import uk.nhs.opd.pathway.events.ReferralAccepted;
import uk.nhs.opd.pathway.events.ReferralMade;
import uk.nhs.opd.pathway.events.ReferralPaused;
import uk.nhs.opd.pathway.events.ReferralRejected;
import uk.nhs.opd.pathway.events.ReferralResumed;
import uk.nhs.opd.pathway.events.ReferralTransferred;
import uk.nhs.opd.pathway.events.ReferralWithdrawn;
import uk.nhs.opd.pathway.events.vocabulary.DeselectionDisposition;
import uk.nhs.opd.pathway.events.vocabulary.LaydownOutcome;
import uk.nhs.opd.pathway.events.vocabulary.Location;
import uk.nhs.opd.pathway.events.vocabulary.LocationType;

/**
 * Folds one person's events into their {@link Journey}: a pure function of the events, so the live projection,
 * a rebuild and a time-travel read all give the same answer for the same history.
 * <ul>
 *   <li>Retracted events do not count; the retraction itself is kept in the log only.</li>
 *   <li>Events count in business order ({@code occurredAt}, then sequence), even when recorded late.</li>
 *   <li>{@code asOf} keeps what had happened by then; {@code knownAt} keeps what had been recorded by then.</li>
 * </ul>
 */
public final class JourneyFold {

    /** What to fold: the whole history, or the view as of a business time and/or as known at a record time. */
    public record View(Instant asOf, Instant knownAt, Instant now) {
        public static View current(Instant now) {
            return new View(null, null, now);
        }

        /** The moment open waits and open segments are measured to. */
        public Instant horizon() {
            Instant horizon = now;
            if (asOf != null && asOf.isBefore(horizon)) {
                horizon = asOf;
            }
            if (knownAt != null && knownAt.isBefore(horizon)) {
                horizon = knownAt;
            }
            return horizon;
        }
    }

    private JourneyFold() {
    }

    /** One event of a person: where it stands in their stream and in time, and what it says. */
    public record Event(EventEnvelope envelope, PathwayEvent event) {
    }

    /** The journey of a person with these events (any order), or null if they were not registered in this view. */
    public static Journey fold(String personId, List<EventEnvelope> envelopes, View view) {
        return foldEvents(personId, envelopes.stream().map(e -> new Event(e, EventJson.payloadOf(e))).toList(), view);
    }

    /** As {@link #fold}, for events whose payloads are already read (the rebuild reads them once, straight). */
    public static Journey foldEvents(String personId, List<Event> events, View view) {
        // Plain loops rather than streams: a rebuild folds a million events through here.
        List<Event> known = events;
        if (view.knownAt() != null) {
            known = new ArrayList<>(events.size());
            for (Event event : events) {
                if (!event.envelope().recordedAt().isAfter(view.knownAt())) {
                    known.add(event);
                }
            }
        }
        Set<String> retracted = new HashSet<>();
        List<Event> counted = new ArrayList<>(known.size());
        Instant lastRecorded = null;
        // Every service referred to in what is known, retracted referrals included (for past wait lists).
        java.util.SortedSet<String> everReferredTo = new java.util.TreeSet<>();
        for (Event event : known) {
            if (event.event() instanceof ReferralMade made) {
                everReferredTo.add(made.serviceId());
            } else if (event.event() instanceof ReferralTransferred transferred) {
                everReferredTo.add(transferred.toServiceId());
            }
            if (event.event() instanceof EventRetracted retraction) {
                retracted.add(retraction.eventId().toString());
            } else {
                counted.add(event);
            }
            Instant recorded = event.envelope().recordedAt();
            if (lastRecorded == null || recorded.isAfter(lastRecorded)) {
                lastRecorded = recorded;
            }
        }
        List<Event> ordered = new ArrayList<>(counted.size());
        for (Event event : counted) {
            if ((retracted.isEmpty() || !retracted.contains(event.envelope().eventId().toString()))
                    && (view.asOf() == null || !event.envelope().occurredAt().isAfter(view.asOf()))) {
                ordered.add(event);
            }
        }
        ordered.sort(BUSINESS_ORDER);
        if (ordered.isEmpty() || !(ordered.get(0).event() instanceof PersonRegistered)) {
            return null;
        }
        Builder builder = new Builder(personId);
        ordered.forEach(c -> builder.apply(c.envelope(), c.event()));
        return builder.build(view.horizon(), retracted.stream().sorted().toList(), lastRecorded,
                List.copyOf(everReferredTo));
    }

    /** Business order: when it happened, then the stream's sequence (a stable sort keeps arrival order for ties). */
    private static final Comparator<Event> BUSINESS_ORDER = Comparator.comparing((Event c) -> c.envelope().occurredAt())
            .thenComparingLong(c -> c.envelope().sequence());

    static String settingOf(LocationType type) {
        return switch (type) {
            case PRISON, OPEN_PRISON -> "CUSTODY";
            case HOSPITAL -> "HOSPITAL";
            case APPROVED_PREMISES, COMMUNITY -> "COMMUNITY";
        };
    }

    private static final Set<String> CLOSING = Set.of("REJECTED", "WITHDRAWN", "TRANSFERRED", "CLOSED");
    private static final Set<String> OPEN = Set.of("MADE", "ACCEPTED", "PAUSED");

    private static List<Journey.Period> periods(List<Instant[]> spans) {
        List<Journey.Period> periods = new ArrayList<>(spans.size());
        for (Instant[] span : spans) {
            periods.add(new Journey.Period(span[0], span[1]));
        }
        return Collections.unmodifiableList(periods);
    }

    private static final class ReferralBuilder {
        final String referralId;
        final String serviceId;
        final String source;
        final boolean failedOtherInterventions;
        final Instant referredAt;
        final String ageBand;
        String status = "MADE";
        Instant acceptedAt;
        Instant admittedAt;
        Instant closedAt;
        String transferredFrom;
        String transferredTo;
        final List<Journey.StatusChange> history = new ArrayList<>();
        final List<Instant[]> pauses = new ArrayList<>();

        ReferralBuilder(String referralId, String serviceId, String source, boolean failed, Instant at, String ageBand) {
            this.referralId = referralId;
            this.serviceId = serviceId;
            this.source = source;
            this.failedOtherInterventions = failed;
            this.referredAt = at;
            this.ageBand = ageBand;
            history.add(new Journey.StatusChange("MADE", at));
        }

        void status(String newStatus, Instant at) {
            status = newStatus;
            history.add(new Journey.StatusChange(newStatus, at));
            if (CLOSING.contains(newStatus)) {
                closedAt = at;
            }
        }

        Journey.Referral build(Instant horizon) {
            List<Journey.Period> periods = periods(pauses);
            Long waitDays = null;
            Long waitNet = null;
            if (acceptedAt != null) {
                Instant end = admittedAt != null ? admittedAt : closedAt != null ? closedAt : horizon;
                waitDays = Waits.grossDays(acceptedAt, end);
                waitNet = Waits.netDays(acceptedAt, end, periods);
            }
            return new Journey.Referral(referralId, serviceId, status, source, failedOtherInterventions, referredAt,
                    acceptedAt, admittedAt, closedAt, transferredFrom, transferredTo, ageBand, List.copyOf(history),
                    periods, waitDays, waitNet);
        }
    }

    private static final class PlacementBuilder {
        final String serviceId;
        final String referralId;
        final Instant admittedAt;
        final String capacityOverrideReason;
        final List<Instant[]> laydowns = new ArrayList<>();
        Instant endedAt;
        String endReason;
        Journey.Deselection deselection;

        PlacementBuilder(String serviceId, String referralId, Instant admittedAt, String override) {
            this.serviceId = serviceId;
            this.referralId = referralId;
            this.admittedAt = admittedAt;
            this.capacityOverrideReason = override;
        }

        boolean inLaydown() {
            return !laydowns.isEmpty() && laydowns.get(laydowns.size() - 1)[1] == null;
        }

        Journey.Placement build(Map<String, ReferralBuilder> referrals) {
            ReferralBuilder referral = referrals.get(referralId);
            return new Journey.Placement(serviceId, referralId, referral == null ? null : referral.referredAt,
                    referral == null ? null : referral.acceptedAt, admittedAt,
                    periods(laydowns), endedAt, endReason,
                    deselection, capacityOverrideReason);
        }
    }

    private static final class Builder {
        private final String personId;
        private PersonRegistered registration;
        private Instant registeredAt;
        private Location location;
        private Journey.Screening screening;
        private Integer formulationLevel;
        private Instant exitedAt;
        private boolean erased;
        private boolean everInCustody;
        private boolean communityToCommunity;
        private final List<Journey.Segment> segments = new ArrayList<>();
        private final Map<String, ReferralBuilder> referrals = new LinkedHashMap<>();
        private final List<PlacementBuilder> placements = new ArrayList<>();

        Builder(String personId) {
            this.personId = personId;
        }

        void apply(EventEnvelope envelope, PathwayEvent event) {
            Instant at = envelope.occurredAt();
            if (event instanceof PersonRegistered e) {
                registration = e;
                registeredAt = at;
                moveTo(e.location(), at);
            } else if (event instanceof PersonScreened e) {
                screening = new Journey.Screening(e.outcome().name(), e.riskOfSeriousHarm().name(), at);
            } else if (event instanceof FormulationCompleted e) {
                formulationLevel = e.level();
            } else if (event instanceof ReferralMade e) {
                refer(e.referralId(), e.serviceId(), e.source().name(), e.failedOtherInterventions(), at);
            } else if (event instanceof ReferralAccepted e) {
                referral(e.referralId(), r -> {
                    r.acceptedAt = at;
                    r.status("ACCEPTED", at);
                });
            } else if (event instanceof ReferralRejected e) {
                referral(e.referralId(), r -> r.status("REJECTED", at));
            } else if (event instanceof ReferralWithdrawn e) {
                referral(e.referralId(), r -> r.status("WITHDRAWN", at));
            } else if (event instanceof ReferralPaused e) {
                referral(e.referralId(), r -> {
                    r.pauses.add(new Instant[] {at, null});
                    r.status("PAUSED", at);
                });
            } else if (event instanceof ReferralResumed e) {
                referral(e.referralId(), r -> {
                    if (!r.pauses.isEmpty()) {
                        r.pauses.get(r.pauses.size() - 1)[1] = at;
                    }
                    r.status(e.resumedTo().name(), at);
                });
            } else if (event instanceof ReferralTransferred e) {
                ReferralBuilder old = referrals.get(e.referralId());
                referral(e.referralId(), r -> {
                    r.transferredTo = e.newReferralId();
                    r.status("TRANSFERRED", at);
                });
                refer(e.newReferralId(), e.toServiceId(), old == null ? null : old.source,
                        old != null && old.failedOtherInterventions, at);
                referrals.get(e.newReferralId()).transferredFrom = e.referralId();
            } else if (event instanceof PersonAdmitted e) {
                admit(e.referralId(), e.serviceId(), e.capacityOverrideReason(), at);
            } else if (event instanceof PersonDeselected e) {
                openPlacement(e.serviceId()).ifPresent(p -> {
                    p.deselection = new Journey.Deselection(e.initiatedBy().name(), e.disposition().name(),
                            e.reasonCategory().name(), e.reasonCode() == null ? null : e.reasonCode().name(), at);
                    if (e.disposition() == DeselectionDisposition.LAYDOWN) {
                        p.laydowns.add(new Instant[] {at, null});
                    } else {
                        end(p, "DESELECTED", at, e.disposition() == DeselectionDisposition.RETURNED_TO_WAITLIST ? "ACCEPTED" : "CLOSED");
                    }
                });
            } else if (event instanceof LaydownEnded e) {
                openPlacement(e.serviceId()).ifPresent(p -> {
                    if (p.inLaydown()) {
                        p.laydowns.get(p.laydowns.size() - 1)[1] = at;
                    }
                    if (e.outcome() == LaydownOutcome.CLOSED) {
                        end(p, "DESELECTED", at, "CLOSED");
                    }
                });
            } else if (event instanceof PlacementCompleted e) {
                openPlacement(e.serviceId()).ifPresent(p -> end(p, "COMPLETED", at, "CLOSED"));
            } else if (event instanceof PersonTransitioned e) {
                endAll(e.endedPlacements(), "TRANSITIONED", at);
                moveTo(e.toLocation(), at);
                if (e.toReferralId() != null) {
                    admit(e.toReferralId(), e.toServiceId(), null, at);
                }
            } else if (event instanceof PersonReleased e) {
                endAll(e.endedPlacements(), "RELEASED", at);
                moveTo(e.toLocation(), at);
            } else if (event instanceof PersonRecalled e) {
                endAll(e.endedPlacements(), "RECALLED", at);
                moveTo(e.toLocation(), at);
            } else if (event instanceof PersonalDataErased) {
                erased = true;
            } else if (event instanceof PathwayExited e) {
                endAll(e.endedPlacements(), "EXITED", at);
                for (ReferralBuilder referral : referrals.values()) {
                    if (OPEN.contains(referral.status)) {
                        referral.status("CLOSED", at);
                    }
                }
                exitedAt = at;
            }
        }

        private void refer(String referralId, String serviceId, String source, boolean failed, Instant at) {
            // The date of birth is sealed; the age band at registration is what monitoring may use.
            referrals.put(referralId, new ReferralBuilder(referralId, serviceId, source, failed, at,
                    registration.ageBand() == null ? "UNKNOWN" : registration.ageBand()));
        }

        private void referral(String referralId, java.util.function.Consumer<ReferralBuilder> change) {
            ReferralBuilder referral = referrals.get(referralId);
            if (referral != null) {
                change.accept(referral);
            }
        }

        private void admit(String referralId, String serviceId, String override, Instant at) {
            referral(referralId, r -> {
                r.admittedAt = at;
                r.status("ADMITTED", at);
            });
            placements.add(new PlacementBuilder(serviceId, referralId, at, override));
        }

        private java.util.Optional<PlacementBuilder> openPlacement(String serviceId) {
            for (PlacementBuilder placement : placements) {
                if (placement.serviceId.equals(serviceId) && placement.endedAt == null) {
                    return java.util.Optional.of(placement);
                }
            }
            return java.util.Optional.empty();
        }

        private void endAll(List<String> serviceIds, String reason, Instant at) {
            serviceIds.forEach(serviceId -> openPlacement(serviceId).ifPresent(p -> end(p, reason, at, "CLOSED")));
        }

        private void end(PlacementBuilder placement, String reason, Instant at, String referralStatusAfter) {
            placement.endedAt = at;
            placement.endReason = reason;
            if (placement.inLaydown()) {
                placement.laydowns.get(placement.laydowns.size() - 1)[1] = at;
            }
            referral(placement.referralId, r -> {
                if ("ACCEPTED".equals(referralStatusAfter)) {
                    // Returned to the wait list: the referral waits again from now.
                    r.admittedAt = null;
                    r.acceptedAt = at;
                }
                r.status(referralStatusAfter, at);
            });
        }

        private void moveTo(Location to, Instant at) {
            if (to.equals(location)) {
                return; // e.g. a progression to a PIPE in the same prison: same place, new placement
            }
            if (!segments.isEmpty()) {
                Journey.Segment current = segments.remove(segments.size() - 1);
                segments.add(new Journey.Segment(current.location(), current.setting(), current.from(), at));
            }
            String setting = settingOf(to.type());
            segments.add(new Journey.Segment(new Journey.Location(to.type().name(), to.code()), setting, at, null));
            location = to;
            if (!"COMMUNITY".equals(setting)) {
                everInCustody = true;
            } else if (everInCustody) {
                communityToCommunity = true;
            }
        }

        private List<Journey.Placement> placements() {
            List<Journey.Placement> built = new ArrayList<>(placements.size());
            for (PlacementBuilder placement : placements) {
                built.add(placement.build(referrals));
            }
            return Collections.unmodifiableList(built);
        }

        private List<Journey.Referral> referrals(Instant horizon) {
            List<Journey.Referral> built = new ArrayList<>(referrals.size());
            for (ReferralBuilder referral : referrals.values()) {
                built.add(referral.build(horizon));
            }
            return Collections.unmodifiableList(built);
        }

        private String status() {
            if (exitedAt != null) {
                return "EXITED";
            }
            boolean open = false;
            for (PlacementBuilder placement : placements) {
                if (placement.endedAt == null && !placement.inLaydown()) {
                    return "IN_SERVICE";
                }
                open |= placement.endedAt == null;
            }
            if (open) {
                return "LAYDOWN";
            }
            boolean referred = false;
            for (ReferralBuilder referral : referrals.values()) {
                if (referral.status.equals("ACCEPTED")) {
                    return "WAITING";
                }
                referred |= referral.status.equals("MADE") || referral.status.equals("PAUSED");
            }
            if (referred) {
                return "REFERRED";
            }
            return screening != null ? screening.outcome() : "REGISTERED";
        }

        Journey build(Instant horizon, List<String> retracted, Instant lastRecorded, List<String> everReferredTo) {
            return new Journey(personId, registration.pathway().name(), status(), registration.sentenceType().name(),
                    registration.tariffExpiryDate(), registration.earliestReleaseDate(), registration.region(),
                    registration.ethnicity(), registration.ageBand(), registeredAt, new Journey.Location(location.type().name(), location.code()),
                    screening, formulationLevel, List.copyOf(segments),
                    placements(), referrals(horizon),
                    communityToCommunity, exitedAt, erased, retracted, lastRecorded, everReferredTo);
        }
    }
}
