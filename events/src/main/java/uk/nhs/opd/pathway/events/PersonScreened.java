package uk.nhs.opd.pathway.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import uk.nhs.opd.pathway.events.vocabulary.RiskLevel;
import uk.nhs.opd.pathway.events.vocabulary.ScreeningAnswers;
import uk.nhs.opd.pathway.events.vocabulary.ScreeningOutcome;

/** A person was screened against the OPD criteria; screen-outs are recorded too. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PersonScreened(
        ScreeningAnswers criteria,
        RiskLevel riskOfSeriousHarm,
        ScreeningOutcome outcome,
        String overrideJustification) implements PersonEvent {
}
