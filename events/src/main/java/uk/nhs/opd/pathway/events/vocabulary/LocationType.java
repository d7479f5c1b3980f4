package uk.nhs.opd.pathway.events.vocabulary;

/** Kinds of place a person can be. A move to or from {@link #HOSPITAL} is a transition, never a release. */
public enum LocationType {
    PRISON,
    OPEN_PRISON,
    HOSPITAL,
    APPROVED_PREMISES,
    COMMUNITY;

    /** Whether being here means being in custody (hospital counts: the custody episode stays open). */
    public boolean isCustody() {
        return this == PRISON || this == OPEN_PRISON || this == HOSPITAL;
    }
}
