package uk.nhs.opd.pathway.command.person;

import java.util.ArrayList;
import java.util.List;
import uk.nhs.opd.pathway.events.vocabulary.Pathway;
import uk.nhs.opd.pathway.events.vocabulary.ScreeningAnswers;
import uk.nhs.opd.pathway.events.vocabulary.ScreeningOutcome;

/**
 * The OPD screening rule (DESIGN.md §3, case identification).
 * <ul>
 *   <li>Men: high likelihood of violent or sexual reoffending, high or very high risk of serious harm to others,
 *       likely severe personality disorder, and a clinically justifiable link between them.</li>
 *   <li>Women: managed by the Probation Service, likely severe personality disorder, and a clinically justifiable
 *       link.</li>
 * </ul>
 * All criteria met: screened in. Otherwise screened out, unless a clinical justification for an override is
 * recorded ("other cases may be considered where there is a clinically justifiable reason").
 */
public final class ScreeningCriteria {

    private ScreeningCriteria() {
    }

    /** The outcome for answers that are complete for the pathway ({@link #unanswered} is empty). */
    public static ScreeningOutcome outcome(Pathway pathway, ScreeningAnswers answers, String overrideJustification) {
        boolean allMet = switch (pathway) {
            case MEN -> isTrue(answers.highLikelihoodOfViolentOrSexualReoffending())
                    && isTrue(answers.highOrVeryHighRiskOfSeriousHarm())
                    && isTrue(answers.likelySeverePersonalityDisorder())
                    && isTrue(answers.clinicallyJustifiableLink());
            case WOMEN -> isTrue(answers.managedByProbationService())
                    && isTrue(answers.likelySeverePersonalityDisorder())
                    && isTrue(answers.clinicallyJustifiableLink());
            case ALL -> throw new IllegalArgumentException("A person is on the MEN or the WOMEN pathway");
        };
        if (allMet) {
            return ScreeningOutcome.SCREENED_IN;
        }
        return overrideJustification != null && !overrideJustification.isBlank()
                ? ScreeningOutcome.SCREENED_IN_BY_OVERRIDE
                : ScreeningOutcome.SCREENED_OUT;
    }

    /** The criteria of the pathway that were not answered, by field name. */
    public static List<String> unanswered(Pathway pathway, ScreeningAnswers answers) {
        List<String> missing = new ArrayList<>();
        if (answers == null) {
            missing.add("criteria");
            return missing;
        }
        if (pathway == Pathway.MEN) {
            require(answers.highLikelihoodOfViolentOrSexualReoffending(), "highLikelihoodOfViolentOrSexualReoffending", missing);
            require(answers.highOrVeryHighRiskOfSeriousHarm(), "highOrVeryHighRiskOfSeriousHarm", missing);
        } else {
            require(answers.managedByProbationService(), "managedByProbationService", missing);
        }
        require(answers.likelySeverePersonalityDisorder(), "likelySeverePersonalityDisorder", missing);
        require(answers.clinicallyJustifiableLink(), "clinicallyJustifiableLink", missing);
        return missing;
    }

    private static void require(Boolean answer, String field, List<String> missing) {
        if (answer == null) {
            missing.add("criteria." + field);
        }
    }

    private static boolean isTrue(Boolean answer) {
        return Boolean.TRUE.equals(answer);
    }
}
