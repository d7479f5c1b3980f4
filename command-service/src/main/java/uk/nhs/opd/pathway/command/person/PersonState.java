package uk.nhs.opd.pathway.command.person;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import uk.nhs.opd.pathway.events.FormulationCompleted;
import uk.nhs.opd.pathway.events.LaydownEnded;
import uk.nhs.opd.pathway.events.PathwayExited;
import uk.nhs.opd.pathway.events.PersonAdmitted;
import uk.nhs.opd.pathway.events.PersonDeselected;
import uk.nhs.opd.pathway.events.PersonEvent;
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
import uk.nhs.opd.pathway.events.vocabulary.Pathway;
import uk.nhs.opd.pathway.events.vocabulary.ReferralStatus;
import uk.nhs.opd.pathway.events.vocabulary.ScreeningOutcome;

/**
 * What the rules need to know about one person, folded from the events that count (retracted ones excluded).
 * {@link #apply} only assigns state: no checks, no I/O, so folding a history can never fail.
 */
final class PersonState {

    /** A referral as the rules see it; {@code changedAt} is the business time of its last change. */
    record Referral(String referralId, String serviceId, ReferralStatus status, ReferralStatus pausedFrom,
                    Instant changedAt) {
        Referral with(ReferralStatus newStatus, Instant at) {
            return new Referral(referralId, serviceId, newStatus, null, at);
        }
    }

    enum PlacementStatus { ACTIVE, LAYDOWN }

    /** An open placement at a service; {@code changedAt} is the business time of its last change. */
    record Placement(String serviceId, String referralId, PlacementStatus status, Instant changedAt) {
    }

    /** One event that counts, with its id and business time. */
    record Recorded(String eventId, PersonEvent event, Instant occurredAt) {
    }

    Pathway pathway;
    Instant registeredAt;
    Location location;
    ScreeningOutcome screening;
    Integer formulationLevel;
    boolean exited;
    boolean erased;
    /** Business times the rules order new facts after (see {@code Person}'s "in business-time order" checks). */
    Instant screenedAt;
    Instant locationChangedAt;
    Instant latestFactAt;
    /** When a placement at each service last changed, ended ones included. */
    final Map<String, Instant> placementChangedAt = new LinkedHashMap<>();
    final Map<String, Referral> referrals = new LinkedHashMap<>();
    /** Open placements by service id. */
    final Map<String, Placement> placements = new LinkedHashMap<>();
    /** The business time of the event being applied. */
    private Instant at;

    static PersonState fold(List<Recorded> history) {
        PersonState state = new PersonState();
        history.forEach(recorded -> state.apply(recorded.event(), recorded.occurredAt()));
        return state;
    }

    Optional<Referral> referral(String referralId) {
        return Optional.ofNullable(referrals.get(referralId));
    }

    Optional<Referral> openReferralTo(String serviceId) {
        return referrals.values().stream().filter(r -> r.serviceId().equals(serviceId) && r.status().isOpen()).findFirst();
    }

    void apply(PersonEvent event, Instant occurredAt) {
        // An erasure is about the record, not the pathway: it may follow an exit, so an exit may be dated before it.
        if (!(event instanceof PersonalDataErased) && (latestFactAt == null || occurredAt.isAfter(latestFactAt))) {
            latestFactAt = occurredAt;
        }
        at = occurredAt;
        if (event instanceof PersonRegistered e) {
            pathway = e.pathway();
            registeredAt = occurredAt;
            location = e.location();
            locationChangedAt = occurredAt;
        } else if (event instanceof PersonScreened e) {
            screening = e.outcome();
            screenedAt = occurredAt;
        } else if (event instanceof FormulationCompleted e) {
            formulationLevel = e.level();
        } else if (event instanceof ReferralMade e) {
            referrals.put(e.referralId(), new Referral(e.referralId(), e.serviceId(), ReferralStatus.MADE, null, occurredAt));
        } else if (event instanceof ReferralAccepted e) {
            setStatus(e.referralId(), ReferralStatus.ACCEPTED);
        } else if (event instanceof ReferralRejected e) {
            setStatus(e.referralId(), ReferralStatus.REJECTED);
        } else if (event instanceof ReferralWithdrawn e) {
            setStatus(e.referralId(), ReferralStatus.WITHDRAWN);
        } else if (event instanceof ReferralPaused e) {
            referrals.computeIfPresent(e.referralId(),
                    (id, r) -> new Referral(id, r.serviceId(), ReferralStatus.PAUSED, e.pausedFrom(), occurredAt));
        } else if (event instanceof ReferralResumed e) {
            setStatus(e.referralId(), e.resumedTo());
        } else if (event instanceof ReferralTransferred e) {
            setStatus(e.referralId(), ReferralStatus.TRANSFERRED);
            referrals.put(e.newReferralId(), new Referral(e.newReferralId(), e.toServiceId(), ReferralStatus.MADE, null, occurredAt));
        } else if (event instanceof PersonAdmitted e) {
            admit(e.referralId(), e.serviceId());
        } else if (event instanceof PersonDeselected e) {
            deselect(e);
        } else if (event instanceof LaydownEnded e) {
            if (e.outcome() == LaydownOutcome.READMITTED) {
                changePlacement(e.serviceId(), PlacementStatus.ACTIVE);
            } else {
                endPlacement(e.serviceId(), ReferralStatus.CLOSED);
            }
        } else if (event instanceof PlacementCompleted e) {
            endPlacement(e.serviceId(), ReferralStatus.CLOSED);
        } else if (event instanceof PersonTransitioned e) {
            moveTo(e.toLocation());
            e.endedPlacements().forEach(serviceId -> endPlacement(serviceId, ReferralStatus.CLOSED));
            if (e.toReferralId() != null) {
                admit(e.toReferralId(), e.toServiceId());
            }
        } else if (event instanceof PersonReleased e) {
            moveTo(e.toLocation());
            e.endedPlacements().forEach(serviceId -> endPlacement(serviceId, ReferralStatus.CLOSED));
        } else if (event instanceof PersonRecalled e) {
            moveTo(e.toLocation());
            e.endedPlacements().forEach(serviceId -> endPlacement(serviceId, ReferralStatus.CLOSED));
        } else if (event instanceof PathwayExited e) {
            e.endedPlacements().forEach(serviceId -> endPlacement(serviceId, ReferralStatus.CLOSED));
            referrals.replaceAll((id, r) -> r.status().isOpen() ? r.with(ReferralStatus.CLOSED, occurredAt) : r);
            exited = true;
        } else if (event instanceof PersonalDataErased) {
            erased = true;
        }
        // PersonIdentifierLinked changes nothing the rules use; EventRetracted is handled by the aggregate.
    }

    private void deselect(PersonDeselected e) {
        if (e.disposition() == DeselectionDisposition.LAYDOWN) {
            changePlacement(e.serviceId(), PlacementStatus.LAYDOWN);
        } else {
            endPlacement(e.serviceId(), e.disposition() == DeselectionDisposition.RETURNED_TO_WAITLIST
                    ? ReferralStatus.ACCEPTED : ReferralStatus.CLOSED);
        }
    }

    private void moveTo(Location to) {
        location = to;
        locationChangedAt = at;
    }

    private void admit(String referralId, String serviceId) {
        setStatus(referralId, ReferralStatus.ADMITTED);
        placements.put(serviceId, new Placement(serviceId, referralId, PlacementStatus.ACTIVE, at));
        placementChangedAt.put(serviceId, at);
    }

    private void changePlacement(String serviceId, PlacementStatus status) {
        if (placements.computeIfPresent(serviceId, (id, p) -> new Placement(id, p.referralId(), status, at)) != null) {
            placementChangedAt.put(serviceId, at);
        }
    }

    private void endPlacement(String serviceId, ReferralStatus referralAfter) {
        Placement ended = placements.remove(serviceId);
        if (ended != null) {
            placementChangedAt.put(serviceId, at);
            setStatus(ended.referralId(), referralAfter);
        }
    }

    private void setStatus(String referralId, ReferralStatus status) {
        referrals.computeIfPresent(referralId, (id, r) -> r.with(status, at));
    }
}
