package uk.nhs.opd.pathway.query.waitlist;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** @param releaseWindowMonths tier 1 takes high-risk determinate people whose earliest release is this close */
@ConfigurationProperties("pathway.waitlist")
record WaitListProperties(int releaseWindowMonths) {
}
