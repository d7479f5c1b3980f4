package uk.nhs.opd.pathway.events.vocabulary;

/** The result of screening a person against the OPD criteria. */
public enum ScreeningOutcome {
    SCREENED_IN,
    SCREENED_OUT,
    /** Criteria not all met, admitted to the pathway on a recorded clinical justification. */
    SCREENED_IN_BY_OVERRIDE;

    /** Whether a person with this outcome may be referred to a service. */
    public boolean allowsReferral() {
        return this != SCREENED_OUT;
    }
}
