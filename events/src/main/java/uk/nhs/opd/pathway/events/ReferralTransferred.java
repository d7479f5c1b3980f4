package uk.nhs.opd.pathway.events;

/** A referral was transferred: it is closed and a new referral, linked to it, is opened to another service. */
public record ReferralTransferred(String referralId, String toServiceId, String newReferralId, String reason)
        implements PersonEvent {
}
