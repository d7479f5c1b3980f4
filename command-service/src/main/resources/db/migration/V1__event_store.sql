-- The event store: Axon's JDBC storage engine with snake_case names (see EventStoreConfiguration).
--
-- Gap-safe global order. A sequence value is taken before commit, so with a plain sequence default a reader of
-- "global_index > checkpoint" can see position 11 commit while 10 is still open, move its checkpoint past 10 and
-- never see it. Here every insert first takes a transaction-scoped advisory lock and only then draws its
-- global_index, so the lock is held until commit: positions become visible strictly in commit order, and a reader
-- never sees a higher position while a lower one can still appear.
CREATE SEQUENCE domain_event_global_index_seq;

CREATE TABLE domain_event_entry (
    global_index         BIGINT       NOT NULL PRIMARY KEY,
    event_identifier     VARCHAR(255) NOT NULL UNIQUE,
    aggregate_identifier VARCHAR(255) NOT NULL,
    sequence_number      BIGINT       NOT NULL,
    type                 VARCHAR(255),
    time_stamp           VARCHAR(255) NOT NULL,
    payload_type         VARCHAR(255) NOT NULL,
    payload_revision     VARCHAR(255),
    payload              BYTEA        NOT NULL,
    meta_data            BYTEA,
    CONSTRAINT domain_event_entry_aggregate_sequence UNIQUE (aggregate_identifier, sequence_number)
);

CREATE FUNCTION assign_global_index_in_commit_order() RETURNS trigger AS $$
BEGIN
    -- 7262_0001 is this lock's key and nothing else's; it is released when the inserting transaction ends.
    PERFORM pg_advisory_xact_lock(72620001);
    NEW.global_index := nextval('domain_event_global_index_seq');
    RETURN NEW;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER domain_event_entry_global_index
    BEFORE INSERT ON domain_event_entry
    FOR EACH ROW EXECUTE FUNCTION assign_global_index_in_commit_order();

CREATE TABLE snapshot_event_entry (
    aggregate_identifier VARCHAR(255) NOT NULL,
    sequence_number      BIGINT       NOT NULL,
    type                 VARCHAR(255) NOT NULL,
    event_identifier     VARCHAR(255) NOT NULL UNIQUE,
    time_stamp           VARCHAR(255) NOT NULL,
    payload_type         VARCHAR(255) NOT NULL,
    payload_revision     VARCHAR(255),
    payload              BYTEA        NOT NULL,
    meta_data            BYTEA,
    PRIMARY KEY (aggregate_identifier, sequence_number)
);

-- How far the relay has published to Kafka: written only after the broker acknowledged every event up to it.
CREATE TABLE relay_position (
    relay_name VARCHAR(100) NOT NULL PRIMARY KEY,
    position   BIGINT       NOT NULL
);

-- Services as commands need to see them (existence, pathway, setting, capacity, places taken), kept in the same
-- transaction as the events that change them by a subscribing event handler (JdbcServiceCatalog).
CREATE TABLE service_catalog (
    service_id VARCHAR(100) NOT NULL PRIMARY KEY,
    pathway    VARCHAR(20)  NOT NULL,
    setting    VARCHAR(20)  NOT NULL,
    type       VARCHAR(40)  NOT NULL,
    capacity   INT          NOT NULL,
    occupied   INT          NOT NULL DEFAULT 0
);

-- Crypto-shredding: one AES data key per person, wrapped by the master key. Deleting the row erases the person's
-- sealed personal data in every copy of every event (JdbcPersonalDataVault).
CREATE TABLE person_key (
    person_id   VARCHAR(100) NOT NULL PRIMARY KEY,
    wrapped_key BYTEA        NOT NULL,
    created_at  TIMESTAMPTZ  NOT NULL DEFAULT now()
);

-- Idempotency-Key: the first answer to a keyed command, stored in the transaction that stored its events, so a
-- retry (even a concurrent one, which waits on the key's row) gets the same answer and stores nothing new.
CREATE TABLE idempotency_key (
    idempotency_key VARCHAR(200)  NOT NULL PRIMARY KEY,
    request_hash    VARCHAR(64)   NOT NULL,
    response_status INT,
    response_body   BYTEA,
    created_at      TIMESTAMPTZ   NOT NULL DEFAULT now()
);
