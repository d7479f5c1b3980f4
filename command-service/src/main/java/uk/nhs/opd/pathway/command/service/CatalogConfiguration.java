package uk.nhs.opd.pathway.command.service;

import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Configuration;

/** A failure in the catalog's handlers (a full service) must fail the command, not be logged and forgotten. */
@Configuration(proxyBeanMethods = false)
class CatalogConfiguration {

    @Autowired
    void propagateCatalogErrors(EventProcessingConfigurer processing) {
        processing.registerListenerInvocationErrorHandler(JdbcServiceCatalog.PROCESSING_GROUP,
                configuration -> PropagatingErrorHandler.instance());
    }
}
