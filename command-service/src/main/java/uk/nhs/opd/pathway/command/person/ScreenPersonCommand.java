package uk.nhs.opd.pathway.command.person;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import uk.nhs.opd.pathway.events.vocabulary.RiskLevel;
import uk.nhs.opd.pathway.events.vocabulary.ScreeningAnswers;

/** Screen a person against the OPD criteria of their pathway. */
public record ScreenPersonCommand(
        @TargetAggregateIdentifier String personId,
        ScreeningAnswers criteria,
        RiskLevel riskOfSeriousHarm,
        String overrideJustification,
        Instant occurredAt) implements PersonCommand {
}
