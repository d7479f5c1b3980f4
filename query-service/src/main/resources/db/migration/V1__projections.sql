-- Projection machinery ------------------------------------------------------------------------------------------

-- Where the consumer group is on each partition: written in the same transaction as the rows it produced, so a
-- crash can never apply a batch without moving the position or move the position without the rows.
CREATE TABLE consumer_position (
    consumer_group VARCHAR(200) NOT NULL,
    topic          VARCHAR(200) NOT NULL,
    partition_no   INT          NOT NULL,
    next_offset    BIGINT       NOT NULL,
    PRIMARY KEY (consumer_group, topic, partition_no)
);

-- The last sequence applied per stream (person or service): the guard that makes duplicates no-ops and holds
-- early events until the gap before them is filled.
CREATE TABLE stream_position (
    stream_id              VARCHAR(100) NOT NULL PRIMARY KEY,
    last_sequence          BIGINT       NOT NULL,
    last_event_recorded_at TIMESTAMPTZ  NOT NULL
);

-- Events that arrived before their predecessors, waiting for the gap to close.
CREATE TABLE held_event (
    stream_id VARCHAR(100) NOT NULL,
    sequence  BIGINT       NOT NULL,
    envelope  BYTEA        NOT NULL,
    held_at   TIMESTAMPTZ  NOT NULL DEFAULT now(),
    PRIMARY KEY (stream_id, sequence)
);

-- Events that could not be applied. Their stream's later events are held behind them, in order.
CREATE TABLE dead_letter (
    stream_id   VARCHAR(100) NOT NULL,
    sequence    BIGINT       NOT NULL,
    event_id    VARCHAR(64),
    type        VARCHAR(100),
    error       VARCHAR(500) NOT NULL,
    envelope    BYTEA        NOT NULL,
    parked_at   TIMESTAMPTZ  NOT NULL DEFAULT now(),
    PRIMARY KEY (stream_id, sequence)
);

-- Read models -----------------------------------------------------------------------------------------------------

CREATE TABLE service_view (
    service_id    VARCHAR(100) NOT NULL PRIMARY KEY,
    name          VARCHAR(200) NOT NULL,
    type          VARCHAR(40)  NOT NULL,
    setting       VARCHAR(20)  NOT NULL,
    pathway       VARCHAR(20)  NOT NULL,
    region        VARCHAR(64)  NOT NULL,
    capacity      INT          NOT NULL,
    registered_at TIMESTAMPTZ  NOT NULL
);

-- Every person event as received, in stream order: the input of the journey fold. Journeys (with asOf / knownAt)
-- are folded from here on read; the tables below hold what cross-person reads need, rewritten per person.
CREATE TABLE person_event (
    person_id   VARCHAR(100) NOT NULL,
    sequence    BIGINT       NOT NULL,
    recorded_at TIMESTAMPTZ  NOT NULL,
    envelope    BYTEA        NOT NULL,
    PRIMARY KEY (person_id, sequence)
);
CREATE INDEX person_event_recorded ON person_event (recorded_at, person_id, sequence);

-- Accepted referrals waiting for a place (paused ones flagged), with what the wait-list priority needs.
CREATE TABLE waitlist_entry (
    service_id                 VARCHAR(100) NOT NULL,
    referral_id                VARCHAR(100) NOT NULL,
    person_id                  VARCHAR(100) NOT NULL,
    paused                     BOOLEAN      NOT NULL,
    accepted_at                TIMESTAMPTZ  NOT NULL,
    pauses                     VARCHAR(4000) NOT NULL,
    failed_other_interventions BOOLEAN      NOT NULL,
    risk_of_serious_harm       VARCHAR(20),
    sentence_type              VARCHAR(20)  NOT NULL,
    tariff_expiry_date         DATE,
    earliest_release_date      DATE,
    region                     VARCHAR(64)  NOT NULL,
    pathway                    VARCHAR(20)  NOT NULL,
    PRIMARY KEY (service_id, referral_id)
);
CREATE INDEX waitlist_entry_person ON waitlist_entry (person_id);

-- Open placements (active or in laydown: a laydown keeps its place).
CREATE TABLE placement_view (
    person_id   VARCHAR(100) NOT NULL,
    service_id  VARCHAR(100) NOT NULL,
    referral_id VARCHAR(100) NOT NULL,
    status      VARCHAR(20)  NOT NULL,
    admitted_at TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (person_id, service_id)
);
CREATE INDEX placement_view_service ON placement_view (service_id);

-- One row per referral for diversity monitoring (seed 001 §2.2): no personal data, the age band only.
CREATE TABLE referral_stat (
    person_id   VARCHAR(100) NOT NULL,
    referral_id VARCHAR(100) NOT NULL,
    service_id  VARCHAR(100) NOT NULL,
    ethnicity   VARCHAR(64)  NOT NULL,
    pathway     VARCHAR(20)  NOT NULL,
    age_band    VARCHAR(10)  NOT NULL,
    region      VARCHAR(64)  NOT NULL,
    accepted    BOOLEAN      NOT NULL,
    rejected    BOOLEAN      NOT NULL,
    PRIMARY KEY (person_id, referral_id)
);
CREATE INDEX referral_stat_service ON referral_stat (service_id);
