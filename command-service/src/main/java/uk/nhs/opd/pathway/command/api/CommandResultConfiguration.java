package uk.nhs.opd.pathway.command.api;

import org.axonframework.commandhandling.CommandBus;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Configuration;

/**
 * Makes every command answer with the events it stored ({@link StoredEvents}), so the HTTP layer can return the
 * {@code eventId} and the stream {@code version} without aggregates knowing about either.
 */
@Configuration(proxyBeanMethods = false)
class CommandResultConfiguration {

    @Autowired
    void collectStoredEvents(CommandBus commandBus, EventStore eventStore) {
        commandBus.registerHandlerInterceptor((unitOfWork, chain) -> {
            StoredEvents stored = new StoredEvents();
            unitOfWork.resources().put(StoredEvents.RESOURCE_KEY, stored);
            chain.proceed();
            return stored;
        });
        eventStore.registerDispatchInterceptor(messages -> (index, message) -> {
            collect(message);
            return message;
        });
    }

    private static void collect(EventMessage<?> message) {
        if (message instanceof DomainEventMessage<?> domainEvent && CurrentUnitOfWork.isStarted()) {
            StoredEvents stored = CurrentUnitOfWork.get().root().getResource(StoredEvents.RESOURCE_KEY);
            if (stored != null) {
                stored.add(domainEvent);
            }
        }
    }
}
