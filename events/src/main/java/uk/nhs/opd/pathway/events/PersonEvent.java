package uk.nhs.opd.pathway.events;

/** An event of one person's stream, keyed by {@code personId}. */
public sealed interface PersonEvent extends PathwayEvent
        permits PersonRegistered, PersonIdentifierLinked, PersonScreened, FormulationCompleted, ReferralMade,
        ReferralAccepted, ReferralRejected, ReferralWithdrawn, ReferralPaused, ReferralResumed, ReferralTransferred,
        PersonAdmitted, PersonDeselected, LaydownEnded, PlacementCompleted, PersonTransitioned, PersonReleased,
        PersonRecalled, PathwayExited, EventRetracted, PersonalDataErased {
}
