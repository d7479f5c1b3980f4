package uk.nhs.opd.pathway.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import uk.nhs.opd.pathway.events.vocabulary.Location;
import uk.nhs.opd.pathway.events.vocabulary.TransitionKind;

/**
 * A person moved between settings or services. {@code endedPlacements} are the services whose placements the move
 * ended; a progression also starts a placement from {@code toReferralId} at {@code toServiceId}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PersonTransitioned(
        TransitionKind kind,
        Location toLocation,
        String toReferralId,
        String toServiceId,
        List<String> endedPlacements) implements PersonEvent {
}
