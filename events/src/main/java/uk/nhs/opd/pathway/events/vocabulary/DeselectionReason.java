package uk.nhs.opd.pathway.events.vocabulary;

/** The coded reasons for a de-selection. Some end any prospect of return and so allow only {@code CLOSED}. */
public enum DeselectionReason {
    DEATH(true),
    DEPORTATION(true),
    SENTENCE_ENDED(true),
    NON_ENGAGEMENT(false),
    RULE_BREAKING(false),
    VIOLENCE(false),
    SUBSTANCE_MISUSE(false),
    NOT_READY(false),
    MENTAL_HEALTH(false),
    PHYSICAL_HEALTH(false),
    SECURITY_TRANSFER(false),
    PERSON_CHOICE(false),
    OTHER(false);

    private final boolean closedOnly;

    DeselectionReason(boolean closedOnly) {
        this.closedOnly = closedOnly;
    }

    /** Whether this reason allows only the {@link DeselectionDisposition#CLOSED} disposition. */
    public boolean allowsOnlyClosed() {
        return closedOnly;
    }
}
