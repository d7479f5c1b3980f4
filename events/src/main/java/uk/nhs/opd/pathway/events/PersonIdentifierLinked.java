package uk.nhs.opd.pathway.events;

import uk.nhs.opd.pathway.events.vocabulary.IdentifierType;
import uk.nhs.opd.pathway.events.vocabulary.SealedPersonalData;

/** An external identifier (CRN or prison number) was linked to a person; its value is sealed as personal data. */
public record PersonIdentifierLinked(IdentifierType type, SealedPersonalData personal) implements PersonEvent {
}
