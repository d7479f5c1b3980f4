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

CREATE TABLE journey_person (
    person_id              VARCHAR(100) NOT NULL PRIMARY KEY,
    pathway                VARCHAR(20)  NOT NULL,
    sentence_type          VARCHAR(20)  NOT NULL,
    region                 VARCHAR(64)  NOT NULL,
    registered_at          TIMESTAMPTZ  NOT NULL,
    location_type          VARCHAR(30)  NOT NULL,
    location_code          VARCHAR(64)  NOT NULL,
    screening_outcome      VARCHAR(40),
    risk_of_serious_harm   VARCHAR(20),
    screened_at            TIMESTAMPTZ,
    last_event_recorded_at TIMESTAMPTZ  NOT NULL
);

CREATE TABLE journey_referral (
    person_id                  VARCHAR(100) NOT NULL,
    referral_id                VARCHAR(100) NOT NULL,
    service_id                 VARCHAR(100) NOT NULL,
    source                     VARCHAR(40)  NOT NULL,
    status                     VARCHAR(40)  NOT NULL,
    referred_at                TIMESTAMPTZ  NOT NULL,
    failed_other_interventions BOOLEAN      NOT NULL,
    PRIMARY KEY (person_id, referral_id)
);
