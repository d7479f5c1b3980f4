package uk.nhs.opd.pathway.command.service;

import java.util.Map;
import java.util.Optional;
import uk.nhs.opd.pathway.command.problem.ErrorCode;
import uk.nhs.opd.pathway.command.problem.RuleViolation;
import uk.nhs.opd.pathway.events.vocabulary.Pathway;
import uk.nhs.opd.pathway.events.vocabulary.ServiceType;
import uk.nhs.opd.pathway.events.vocabulary.Setting;

/**
 * What person commands may know about services, including how many places are taken. It is kept in the same
 * transaction as the events that change it, and an admission that would overfill a service without an override
 * fails there too, so two concurrent admissions for the last place cannot both succeed.
 */
public interface ServiceCatalog {

    /** A registered service as commands see it. */
    record CatalogEntry(String serviceId, Pathway pathway, Setting setting, ServiceType type, int capacity, int occupied) {

        /** Whether a person on {@code personPathway} may be referred here. */
        public boolean takes(Pathway personPathway) {
            return pathway == Pathway.ALL || pathway == personPathway;
        }

        public boolean isFull() {
            return occupied >= capacity;
        }
    }

    Optional<CatalogEntry> find(String serviceId);

    /** The refusal for an admission to a full service without a capacity override reason. */
    static RuleViolation atCapacity(CatalogEntry service) {
        return new RuleViolation(ErrorCode.SERVICE_AT_CAPACITY, "Cannot admit: service " + service.serviceId()
                + " is full (" + service.occupied() + " of " + service.capacity()
                + " places taken); give a capacityOverrideReason to admit over capacity",
                Map.of("capacity", service.capacity(), "occupied", service.occupied()));
    }
}
