-- Referral statistics and the services each person was ever referred to: one row per person instead of one per
-- referral (and per service). A person's referrals share their monitoring groups (the age band is the one at
-- registration), so counts per person give the same statistics; a wait list as of an earlier time finds the people
-- ever referred to a service by scanning one short row per person. About a quarter of the rows for the live path to
-- rewrite after each event, and for a rebuild to load, and two indexes fewer to build.
CREATE TABLE referral_stat_per_person (
    person_id VARCHAR(100) COLLATE "C" NOT NULL,
    ethnicity VARCHAR(64)  NOT NULL,
    pathway   VARCHAR(20)  NOT NULL,
    age_band  VARCHAR(10)  NOT NULL,
    region    VARCHAR(64)  NOT NULL,
    referred  INT          NOT NULL,
    accepted  INT          NOT NULL,
    rejected  INT          NOT NULL
);
INSERT INTO referral_stat_per_person (person_id, ethnicity, pathway, age_band, region, referred, accepted, rejected)
SELECT person_id, min(ethnicity), min(pathway), min(age_band), min(region),
       count(*), count(*) FILTER (WHERE accepted), count(*) FILTER (WHERE rejected)
FROM referral_stat
GROUP BY person_id;
DROP TABLE referral_stat;
ALTER TABLE referral_stat_per_person RENAME TO referral_stat;
ALTER TABLE referral_stat ADD CONSTRAINT referral_stat_pkey PRIMARY KEY (person_id);

CREATE TABLE service_referral_per_person (
    person_id   VARCHAR(100)   COLLATE "C" NOT NULL,
    service_ids VARCHAR(100)[] COLLATE "C" NOT NULL
);
INSERT INTO service_referral_per_person (person_id, service_ids)
SELECT person_id, array_agg(service_id ORDER BY service_id)
FROM service_referral
GROUP BY person_id;
DROP TABLE service_referral;
ALTER TABLE service_referral_per_person RENAME TO service_referral;
ALTER TABLE service_referral ADD CONSTRAINT service_referral_pkey PRIMARY KEY (person_id);
