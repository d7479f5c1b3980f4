package uk.nhs.opd.pathway.events.vocabulary;

import java.util.Objects;

/** A place: its kind and an establishment or area code. */
public record Location(LocationType type, String code) {
    public Location {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(code, "code");
    }
}
