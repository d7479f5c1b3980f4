package uk.nhs.opd.pathway.command.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.UnknownSerializedType;
import org.axonframework.serialization.json.JacksonSerializer;
import uk.nhs.opd.pathway.events.EventTypes;

/**
 * Axon's Jackson serializer, but event payloads are stored under their wire name and schema version from
 * {@link EventTypes} ("ReferralMade", "1") instead of a Java class name, so the store and the Kafka topic speak the
 * same contract and a record can be renamed without touching history. Other objects keep Axon's default naming.
 */
final class RegistryEventSerializer extends JacksonSerializer {

    RegistryEventSerializer(ObjectMapper objectMapper) {
        super(JacksonSerializer.builder().objectMapper(objectMapper));
    }

    @Override
    public SerializedType typeForClass(Class type) {
        return EventTypes.ofClass(type)
                .<SerializedType>map(t -> new SimpleSerializedType(t.name(), Integer.toString(t.schemaVersion())))
                .orElseGet(() -> super.typeForClass(type));
    }

    @Override
    public Class classForType(SerializedType type) {
        if (type.getName().indexOf('.') >= 0) {
            return super.classForType(type);
        }
        int version = type.getRevision() == null ? 1 : Integer.parseInt(type.getRevision());
        return EventTypes.of(type.getName(), version)
                .<Class>map(EventTypes.EventType::javaType)
                .orElse(UnknownSerializedType.class);
    }
}
