package uk.nhs.opd.pathway.command.api;

import java.util.Optional;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.stereotype.Component;
import uk.nhs.opd.pathway.command.problem.ErrorCode;
import uk.nhs.opd.pathway.command.problem.RuleViolation;
import uk.nhs.opd.pathway.command.store.EventMetadata;

/** Sends a command on behalf of the caller and turns Axon's failures into the platform's typed refusals. */
@Component
public class Commands {

    /** Command metadata: the stream version the caller expects (from If-Match); the aggregate refuses any other. */
    public static final String EXPECTED_VERSION = "expectedVersion";

    private final CommandGateway gateway;
    private final Actor actor;

    Commands(CommandGateway gateway, Actor actor) {
        this.gateway = gateway;
        this.actor = actor;
    }

    /** Handles the command and answers with the events it stored, or throws a {@link RuleViolation}. */
    public StoredEvents send(PathwayCommand command) {
        return send(command, null);
    }

    /** As {@link #send(PathwayCommand)}, refused with 412 unless the stream is at {@code expectedVersion} (if given). */
    public StoredEvents send(PathwayCommand command, Long expectedVersion) {
        MetaData metaData = MetaData.with(EventMetadata.ACTOR, actor.current());
        if (expectedVersion != null) {
            metaData = metaData.and(EXPECTED_VERSION, expectedVersion);
        }
        try {
            return gateway.sendAndWait(new GenericCommandMessage<>(command, metaData));
        } catch (AggregateNotFoundException e) {
            throw new RuleViolation(command.notFoundCode(), "No " + describe(command.notFoundCode()) + " " + command.streamId());
        } catch (AggregateStreamCreationException e) {
            throw new RuleViolation(ErrorCode.ALREADY_EXISTS, command.streamId() + " already exists");
        } catch (ConcurrencyException e) {
            throw new RuleViolation(ErrorCode.CONCURRENT_MODIFICATION,
                    command.streamId() + " was changed by another command at the same time; retry");
        } catch (RuntimeException e) {
            throw ruleViolationIn(e).orElseThrow(() -> e);
        }
    }

    /** A rule violation raised in an event handler of the same transaction reaches us wrapped by Axon. */
    private static Optional<RuleViolation> ruleViolationIn(Throwable failure) {
        for (Throwable cause = failure.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof RuleViolation violation) {
                return Optional.of(violation);
            }
        }
        return Optional.empty();
    }

    private static String describe(ErrorCode code) {
        return code == ErrorCode.SERVICE_NOT_FOUND ? "service" : "person";
    }
}
