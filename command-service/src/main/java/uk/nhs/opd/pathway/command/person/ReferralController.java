package uk.nhs.opd.pathway.command.person;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import uk.nhs.opd.pathway.command.api.CommandResponse;
import uk.nhs.opd.pathway.command.api.Ids;
import uk.nhs.opd.pathway.events.vocabulary.PauseReason;
import uk.nhs.opd.pathway.events.vocabulary.ReferralDecision;
import uk.nhs.opd.pathway.events.vocabulary.ReferralSource;

/** Referrals: made, decided, withdrawn, paused and resumed, transferred (API.md). */
@RestController
@Validated
class ReferralController {

    private final PersonCommands commands;

    ReferralController(PersonCommands commands) {
        this.commands = commands;
    }

    record ReferralRequest(
            @Pattern(regexp = Ids.PATTERN) String referralId,
            @NotBlank @Pattern(regexp = Ids.PATTERN) String serviceId,
            @NotNull ReferralSource source,
            @NotNull Boolean offenderManagerSupports,
            @Size(max = 2000) String reason,
            Boolean failedOtherInterventions,
            Instant occurredAt) {
    }

    record DecisionRequest(@NotNull ReferralDecision outcome, @Size(max = 2000) String reason, Instant occurredAt) {
    }

    record WithdrawalRequest(@NotBlank @Size(max = 2000) String reason, Instant occurredAt) {
    }

    record PauseRequest(@NotNull PauseReason reason, Instant occurredAt) {
    }

    record ResumeRequest(@Size(max = 2000) String reason, Instant occurredAt) {
    }

    record TransferRequest(@NotBlank @Pattern(regexp = Ids.PATTERN) String toServiceId,
                           @Pattern(regexp = Ids.PATTERN) String newReferralId,
                           @NotBlank @Size(max = 2000) String reason, Instant occurredAt) {
    }

    @PostMapping("/api/people/{personId}/referrals")
    ResponseEntity<CommandResponse> refer(@PathVariable @Pattern(regexp = Ids.PATTERN) String personId,
            @RequestHeader(value = "If-Match", required = false) String ifMatch,
            @Valid @RequestBody ReferralRequest request) {
        String referralId = request.referralId() != null ? request.referralId() : "R-" + UUID.randomUUID();
        return commands.send(new MakeReferralCommand(personId, referralId, request.serviceId(), request.source(),
                request.offenderManagerSupports(), request.reason(), Boolean.TRUE.equals(request.failedOtherInterventions()),
                commands.occurredAt(request.occurredAt())), ifMatch, referralId);
    }

    @PostMapping("/api/people/{personId}/referrals/{referralId}/decision")
    ResponseEntity<CommandResponse> decide(@PathVariable @Pattern(regexp = Ids.PATTERN) String personId,
            @PathVariable @Pattern(regexp = Ids.PATTERN) String referralId,
            @RequestHeader(value = "If-Match", required = false) String ifMatch,
            @Valid @RequestBody DecisionRequest request) {
        return commands.send(new DecideReferralCommand(personId, referralId, request.outcome(), request.reason(),
                commands.occurredAt(request.occurredAt())), ifMatch, referralId);
    }

    @PostMapping("/api/people/{personId}/referrals/{referralId}/withdrawal")
    ResponseEntity<CommandResponse> withdraw(@PathVariable @Pattern(regexp = Ids.PATTERN) String personId,
            @PathVariable @Pattern(regexp = Ids.PATTERN) String referralId,
            @RequestHeader(value = "If-Match", required = false) String ifMatch,
            @Valid @RequestBody WithdrawalRequest request) {
        return commands.send(new WithdrawReferralCommand(personId, referralId, request.reason(),
                commands.occurredAt(request.occurredAt())), ifMatch, referralId);
    }

    @PostMapping("/api/people/{personId}/referrals/{referralId}/pause")
    ResponseEntity<CommandResponse> pause(@PathVariable @Pattern(regexp = Ids.PATTERN) String personId,
            @PathVariable @Pattern(regexp = Ids.PATTERN) String referralId,
            @RequestHeader(value = "If-Match", required = false) String ifMatch,
            @Valid @RequestBody PauseRequest request) {
        return commands.send(new PauseReferralCommand(personId, referralId, request.reason(),
                commands.occurredAt(request.occurredAt())), ifMatch, referralId);
    }

    @PostMapping("/api/people/{personId}/referrals/{referralId}/resume")
    ResponseEntity<CommandResponse> resume(@PathVariable @Pattern(regexp = Ids.PATTERN) String personId,
            @PathVariable @Pattern(regexp = Ids.PATTERN) String referralId,
            @RequestHeader(value = "If-Match", required = false) String ifMatch,
            @Valid @RequestBody(required = false) ResumeRequest request) {
        Instant occurredAt = request == null ? null : request.occurredAt();
        return commands.send(new ResumeReferralCommand(personId, referralId, commands.occurredAt(occurredAt)),
                ifMatch, referralId);
    }

    @PostMapping("/api/people/{personId}/referrals/{referralId}/transfer")
    ResponseEntity<CommandResponse> transfer(@PathVariable @Pattern(regexp = Ids.PATTERN) String personId,
            @PathVariable @Pattern(regexp = Ids.PATTERN) String referralId,
            @RequestHeader(value = "If-Match", required = false) String ifMatch,
            @Valid @RequestBody TransferRequest request) {
        String newReferralId = request.newReferralId() != null ? request.newReferralId() : "R-" + UUID.randomUUID();
        return commands.send(new TransferReferralCommand(personId, referralId, request.toServiceId(), newReferralId,
                request.reason(), commands.occurredAt(request.occurredAt())), ifMatch, newReferralId);
    }
}
