package uk.nhs.opd.pathway.command.service;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import uk.nhs.opd.pathway.command.api.CommandResponse;
import uk.nhs.opd.pathway.command.api.Commands;
import uk.nhs.opd.pathway.command.api.StoredEvents;
import uk.nhs.opd.pathway.command.api.Ids;
import uk.nhs.opd.pathway.events.vocabulary.Pathway;
import uk.nhs.opd.pathway.events.vocabulary.ServiceType;
import uk.nhs.opd.pathway.events.vocabulary.Setting;

@RestController
@org.springframework.validation.annotation.Validated
class ServiceController {

    private final Commands commands;
    private final Clock clock;

    ServiceController(Commands commands, Clock clock) {
        this.commands = commands;
        this.clock = clock;
    }

    record RegisterServiceRequest(
            @Size(max = 64) @jakarta.validation.constraints.Pattern(regexp = Ids.PATTERN) String serviceId,
            @NotBlank @Size(max = 200) String name,
            @NotNull ServiceType type,
            @NotNull Setting setting,
            @NotNull Pathway pathway,
            @NotBlank @Size(max = 64) String region,
            @NotNull @PositiveOrZero @Max(100_000) Integer capacity,
            Instant occurredAt) {
    }

    record CapacityRequest(@NotNull @PositiveOrZero @Max(100_000) Integer capacity, Instant occurredAt) {
    }

    @PutMapping("/api/services/{serviceId}/capacity")
    CommandResponse changeCapacity(@PathVariable @jakarta.validation.constraints.Pattern(regexp = Ids.PATTERN) String serviceId,
                                   @Valid @RequestBody CapacityRequest request) {
        StoredEvents stored = commands.send(new ChangeServiceCapacityCommand(serviceId, request.capacity(),
                request.occurredAt() != null ? request.occurredAt() : clock.instant().truncatedTo(ChronoUnit.MILLIS)));
        return new CommandResponse(null, serviceId, null, stored.last().getIdentifier(), stored.last().getSequenceNumber());
    }

    @PostMapping("/api/services")
    @ResponseStatus(HttpStatus.CREATED)
    CommandResponse register(@Valid @RequestBody RegisterServiceRequest request) {
        String serviceId = request.serviceId() != null ? request.serviceId() : "S-" + UUID.randomUUID();
        StoredEvents stored = commands.send(new RegisterServiceCommand(serviceId, request.name(), request.type(),
                request.setting(), request.pathway(), request.region(), request.capacity(),
                request.occurredAt() != null ? request.occurredAt() : clock.instant().truncatedTo(ChronoUnit.MILLIS)));
        return new CommandResponse(null, serviceId, null, stored.last().getIdentifier(), stored.last().getSequenceNumber());
    }
}
