package uk.nhs.opd.pathway.query.journey;

/**
 * A read model kept from people's journeys (wait lists, occupancy, referral statistics). It is told, inside the
 * projection transaction, each time a person's journey changes, and rewrites that person's rows.
 */
public interface JourneyListener {

    void journeyChanged(String personId, Journey journey);
}
