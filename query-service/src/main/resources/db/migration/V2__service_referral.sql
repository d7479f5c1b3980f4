-- Every service a person was ever referred to, retracted referrals included (referral_stat leaves those out): the
-- people whose journeys a wait list as of an earlier time, or as known at one, folds. Rewritten per person, like
-- the other journey tables; filled here from what referral_stat already knows (a rebuild adds retracted ones).
CREATE TABLE service_referral (
    person_id  VARCHAR(100) NOT NULL,
    service_id VARCHAR(100) NOT NULL,
    PRIMARY KEY (person_id, service_id)
);
CREATE INDEX service_referral_service ON service_referral (service_id);

INSERT INTO service_referral (person_id, service_id)
SELECT DISTINCT person_id, service_id FROM referral_stat;
