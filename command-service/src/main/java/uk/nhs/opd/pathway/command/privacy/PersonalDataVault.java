package uk.nhs.opd.pathway.command.privacy;

import java.util.Optional;
import uk.nhs.opd.pathway.events.vocabulary.PersonalDetails;
import uk.nhs.opd.pathway.events.vocabulary.SealedPersonalData;

/**
 * Crypto-shredding: personal data is sealed with a data key of its own person before it is stored or published,
 * and erasing the key makes every copy unreadable (the event store, Kafka, backups) without rewriting history.
 */
public interface PersonalDataVault {

    /** Seals a person's personal data with their key, making the key on first use. */
    SealedPersonalData seal(String personId, PersonalDetails personal);

    /** Opens sealed data; empty once the person's key was erased. */
    Optional<PersonalDetails> open(String personId, SealedPersonalData sealed);

    /** Deletes the person's key for good; true if there was one. */
    boolean erase(String personId);
}
