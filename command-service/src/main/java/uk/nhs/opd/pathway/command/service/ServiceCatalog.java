package uk.nhs.opd.pathway.command.service;

import java.util.Optional;
import uk.nhs.opd.pathway.events.vocabulary.Pathway;
import uk.nhs.opd.pathway.events.vocabulary.ServiceType;
import uk.nhs.opd.pathway.events.vocabulary.Setting;

/** What person commands may know about services: kept in the same transaction as the service events. */
public interface ServiceCatalog {

    /** A registered service as commands see it. */
    record CatalogEntry(String serviceId, Pathway pathway, Setting setting, ServiceType type, int capacity) {

        /** Whether a person on {@code personPathway} may be referred here. */
        public boolean takes(Pathway personPathway) {
            return pathway == Pathway.ALL || pathway == personPathway;
        }
    }

    Optional<CatalogEntry> find(String serviceId);
}
