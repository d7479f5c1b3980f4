package uk.nhs.opd.pathway.events;

/** A person's data key was deleted: their sealed personal data can no longer be read anywhere. The facts stay. */
public record PersonalDataErased(String reason) implements PersonEvent {
}
