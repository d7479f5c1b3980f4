package uk.nhs.opd.pathway.events.vocabulary;

/** The kinds of commissioned OPD service (DESIGN.md §3). */
public enum ServiceType {
    TREATMENT,
    THERAPEUTIC_COMMUNITY,
    TC_PLUS,
    RESIDENTIAL,
    DAY,
    OUTREACH,
    PIPE_PRISON,
    PIPE_APPROVED_PREMISES,
    PROGRESSION_UNIT,
    ESS,
    PERS,
    IIRMS,
    MEDIUM_SECURE_UNIT,
    HIGH_SECURE_HOSPITAL;

    /** Whether a placement here may run beside a residential or custodial one (outreach and IIRMS may). */
    public boolean runsAlongside() {
        return this == OUTREACH || this == IIRMS;
    }
}
