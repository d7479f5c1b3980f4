package uk.nhs.opd.pathway.command.api;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The answer to an accepted command (API.md): the stream it changed, the event stored and the stream's new version. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CommandResponse(String personId, String serviceId, String referralId, String eventId, long version) {
}
