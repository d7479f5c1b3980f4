package uk.nhs.opd.pathway.events;

/** A case formulation was completed at level 1, 2 or 3. */
public record FormulationCompleted(int level) implements PersonEvent {
}
