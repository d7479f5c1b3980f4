package uk.nhs.opd.pathway.events;

import uk.nhs.opd.pathway.events.vocabulary.IdentifierType;
import uk.nhs.opd.pathway.events.vocabulary.PersonalDetails;

/** An external identifier (CRN or prison number) was linked to a person; its value is personal data. */
public record PersonIdentifierLinked(IdentifierType type, PersonalDetails personal) implements PersonEvent {
}
