package uk.nhs.opd.pathway.events;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one explicit registry of wire names: {@code (type, schemaVersion)} ↔ record class. Java class names never
 * reach the wire or the store, so a record can be renamed or moved without touching history.
 * A new schema version of an event gets a new record here plus an upcaster from the old version.
 */
public final class EventTypes {

    /** One registered event type at its current schema version. */
    public record EventType(String name, int schemaVersion, Class<? extends PathwayEvent> javaType, StreamKind stream) {
    }

    private static final List<EventType> ALL = List.of(
            service("ServiceRegistered", 1, ServiceRegistered.class),
            service("ServiceCapacityChanged", 1, ServiceCapacityChanged.class),
            person("PersonRegistered", 1, PersonRegistered.class),
            person("PersonIdentifierLinked", 1, PersonIdentifierLinked.class),
            person("PersonScreened", 1, PersonScreened.class),
            person("FormulationCompleted", 1, FormulationCompleted.class),
            person("ReferralMade", 1, ReferralMade.class),
            person("ReferralAccepted", 1, ReferralAccepted.class),
            person("ReferralRejected", 1, ReferralRejected.class),
            person("ReferralWithdrawn", 1, ReferralWithdrawn.class),
            person("ReferralPaused", 1, ReferralPaused.class),
            person("ReferralResumed", 1, ReferralResumed.class),
            person("ReferralTransferred", 1, ReferralTransferred.class),
            person("PersonAdmitted", 1, PersonAdmitted.class),
            person("PersonDeselected", 1, PersonDeselected.class),
            person("LaydownEnded", 1, LaydownEnded.class),
            person("PlacementCompleted", 1, PlacementCompleted.class),
            person("PersonTransitioned", 1, PersonTransitioned.class),
            person("PersonReleased", 1, PersonReleased.class),
            person("PersonRecalled", 1, PersonRecalled.class),
            person("PathwayExited", 1, PathwayExited.class),
            person("EventRetracted", 1, EventRetracted.class),
            person("PersonalDataErased", 1, PersonalDataErased.class));

    private static final Map<Class<?>, EventType> BY_CLASS = new LinkedHashMap<>();
    private static final Map<String, EventType> BY_NAME = new LinkedHashMap<>();

    static {
        for (EventType type : ALL) {
            if (BY_CLASS.put(type.javaType(), type) != null || BY_NAME.put(type.name(), type) != null) {
                throw new IllegalStateException("Event type registered twice: " + type.name());
            }
        }
    }

    private EventTypes() {
    }

    /** Every registered event type, in registration order. */
    public static Collection<EventType> all() {
        return ALL;
    }

    /** The registered type of an event record class, if it is one. */
    public static Optional<EventType> ofClass(Class<?> javaType) {
        return Optional.ofNullable(BY_CLASS.get(javaType));
    }

    /** The registered type with this wire name and schema version, if any. */
    public static Optional<EventType> of(String name, int schemaVersion) {
        EventType type = BY_NAME.get(name);
        return type != null && type.schemaVersion() == schemaVersion ? Optional.of(type) : Optional.empty();
    }

    /** Wire name → type, for the registered schema version. */
    public static Optional<EventType> ofName(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }

    private static EventType person(String name, int version, Class<? extends PersonEvent> type) {
        return new EventType(name, version, type, StreamKind.PERSON);
    }

    private static EventType service(String name, int version, Class<? extends ServiceEvent> type) {
        return new EventType(name, version, type, StreamKind.SERVICE);
    }
}
