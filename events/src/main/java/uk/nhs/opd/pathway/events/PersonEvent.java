package uk.nhs.opd.pathway.events;

/** An event of one person's stream, keyed by {@code personId}. */
public sealed interface PersonEvent extends PathwayEvent
        permits PersonRegistered, PersonScreened, ReferralMade {
}
