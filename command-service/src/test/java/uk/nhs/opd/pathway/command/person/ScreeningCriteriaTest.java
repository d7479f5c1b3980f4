package uk.nhs.opd.pathway.command.person;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.nhs.opd.pathway.events.vocabulary.ScreeningOutcome.SCREENED_IN;
import static uk.nhs.opd.pathway.events.vocabulary.ScreeningOutcome.SCREENED_IN_BY_OVERRIDE;
import static uk.nhs.opd.pathway.events.vocabulary.ScreeningOutcome.SCREENED_OUT;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import uk.nhs.opd.pathway.events.vocabulary.Pathway;
import uk.nhs.opd.pathway.events.vocabulary.ScreeningAnswers;

class ScreeningCriteriaTest {

    @ParameterizedTest(name = "men: reoffending={0} harm={1} pd={2} link={3}")
    @CsvSource({
            "true,  true,  true,  true",
            "false, true,  true,  true",
            "true,  false, true,  true",
            "true,  true,  false, true",
            "true,  true,  true,  false"})
    void menAreScreenedInOnlyWhenAllFourCriteriaAreMet(boolean reoffending, boolean harm, boolean pd, boolean link) {
        ScreeningAnswers answers = new ScreeningAnswers(reoffending, harm, null, pd, link);
        boolean allMet = reoffending && harm && pd && link;
        assertThat(ScreeningCriteria.outcome(Pathway.MEN, answers, null)).isEqualTo(allMet ? SCREENED_IN : SCREENED_OUT);
    }

    @ParameterizedTest(name = "women: probation={0} pd={1} link={2}")
    @CsvSource({
            "true,  true,  true",
            "false, true,  true",
            "true,  false, true",
            "true,  true,  false"})
    void womenAreScreenedInOnlyWhenAllThreeCriteriaAreMet(boolean probation, boolean pd, boolean link) {
        ScreeningAnswers answers = new ScreeningAnswers(null, null, probation, pd, link);
        boolean allMet = probation && pd && link;
        assertThat(ScreeningCriteria.outcome(Pathway.WOMEN, answers, null)).isEqualTo(allMet ? SCREENED_IN : SCREENED_OUT);
    }

    @Test
    void womenDoNotNeedTheMensRiskCriteria() {
        ScreeningAnswers answers = new ScreeningAnswers(false, false, true, true, true);
        assertThat(ScreeningCriteria.outcome(Pathway.WOMEN, answers, null)).isEqualTo(SCREENED_IN);
    }

    @Test
    void aRecordedClinicalJustificationOverridesAScreenOut() {
        ScreeningAnswers answers = new ScreeningAnswers(true, true, null, true, false);
        assertThat(ScreeningCriteria.outcome(Pathway.MEN, answers, "Clinically justifiable")).isEqualTo(SCREENED_IN_BY_OVERRIDE);
        assertThat(ScreeningCriteria.outcome(Pathway.MEN, answers, " ")).isEqualTo(SCREENED_OUT);
    }

    @Test
    void anOverrideIsNotRecordedWhenAllCriteriaAreMet() {
        assertThat(ScreeningCriteria.outcome(Pathway.MEN, new ScreeningAnswers(true, true, null, true, true), "anyway"))
                .isEqualTo(SCREENED_IN);
    }

    @Test
    void listsTheUnansweredCriteriaOfEachPathway() {
        assertThat(ScreeningCriteria.unanswered(Pathway.MEN, new ScreeningAnswers(null, true, null, true, null)))
                .containsExactly("criteria.highLikelihoodOfViolentOrSexualReoffending", "criteria.clinicallyJustifiableLink");
        assertThat(ScreeningCriteria.unanswered(Pathway.WOMEN, new ScreeningAnswers(null, null, null, true, true)))
                .containsExactly("criteria.managedByProbationService");
        assertThat(ScreeningCriteria.unanswered(Pathway.WOMEN, null)).containsExactly("criteria");
    }
}
