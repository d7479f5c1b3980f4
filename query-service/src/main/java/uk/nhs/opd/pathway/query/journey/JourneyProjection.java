package uk.nhs.opd.pathway.query.journey;

import java.util.List;
import org.springframework.stereotype.Component;
import uk.nhs.opd.pathway.events.EventEnvelope;
import uk.nhs.opd.pathway.events.PathwayEvent;
import uk.nhs.opd.pathway.events.PersonEvent;
import uk.nhs.opd.pathway.query.projection.Projection;

/**
 * Keeps each person's events and, after each one, folds their journey again and hands it to the read models that
 * are kept from journeys. Folding the whole (short) history makes late-recorded events and retractions exact.
 */
@Component
class JourneyProjection implements Projection {

    private final PersonEvents events;
    private final List<JourneyListener> listeners;

    JourneyProjection(PersonEvents events, List<JourneyListener> listeners) {
        this.events = events;
        this.listeners = listeners;
    }

    @Override
    public void apply(EventEnvelope envelope, PathwayEvent event) {
        if (!(event instanceof PersonEvent)) {
            return;
        }
        events.append(envelope);
        // "now" is the event's record time, so what is stored is a function of the events alone (replayable).
        Journey journey = JourneyFold.fold(envelope.personId(), events.of(envelope.personId()),
                JourneyFold.View.current(envelope.recordedAt()));
        listeners.forEach(listener -> listener.journeyChanged(envelope.personId(), journey));
    }
}
