package uk.nhs.opd.pathway.events.vocabulary;

/** Risk of serious harm to others, as assessed at screening. */
public enum RiskLevel {
    LOW,
    MEDIUM,
    HIGH,
    VERY_HIGH
}
