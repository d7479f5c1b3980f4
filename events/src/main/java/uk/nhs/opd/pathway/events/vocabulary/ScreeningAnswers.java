package uk.nhs.opd.pathway.events.vocabulary;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The answers given at screening. Men are screened on the first four criteria, women on the last three;
 * a criterion that was not asked stays {@code null} and is left out of the JSON.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ScreeningAnswers(
        Boolean highLikelihoodOfViolentOrSexualReoffending,
        Boolean highOrVeryHighRiskOfSeriousHarm,
        Boolean managedByProbationService,
        Boolean likelySeverePersonalityDisorder,
        Boolean clinicallyJustifiableLink) {
}
