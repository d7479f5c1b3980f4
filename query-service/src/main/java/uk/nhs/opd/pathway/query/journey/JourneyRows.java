package uk.nhs.opd.pathway.query.journey;

import java.util.List;

/**
 * A read table kept from people's journeys (wait lists, occupancy, referral statistics): which rows a journey
 * gives. The live projection rewrites a person's rows after each of their events; a rebuild bulk-loads the same rows
 * for everyone. One definition serves both, so a rebuild gives exactly what the live path gives.
 */
public interface JourneyRows {

    /** The table, whose first column is {@code person_id}. */
    String table();

    /** The columns of {@link #rows}, in order, starting with {@code person_id}. */
    List<String> columns();

    /** The rows of one person's journey (none for a null journey). */
    List<Object[]> rows(String personId, Journey journey);
}
