package uk.nhs.opd.pathway.command.api;

import java.util.ArrayList;
import java.util.List;
import org.axonframework.eventhandling.DomainEventMessage;

/**
 * The events one command stored, in order. It is the result of every command: the handler interceptor in
 * {@link CommandResultConfiguration} returns it, and the event store's dispatch interceptor fills it while the
 * command's unit of work commits, so by the time the caller sees it every event in it is stored.
 */
public final class StoredEvents {

    static final String RESOURCE_KEY = StoredEvents.class.getName();

    private final List<DomainEventMessage<?>> events = new ArrayList<>();

    synchronized void add(DomainEventMessage<?> event) {
        events.add(event);
    }

    /** The last event stored, whose id and sequence the HTTP answer reports. */
    public synchronized DomainEventMessage<?> last() {
        if (events.isEmpty()) {
            throw new IllegalStateException("The command stored no event");
        }
        return events.get(events.size() - 1);
    }
}
