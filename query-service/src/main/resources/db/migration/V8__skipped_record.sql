-- An operator's decision to skip a parked record, kept for good: it is input, not a projection, so a rebuild keeps it
-- (it is not one of the tables a rebuild replaces) and passes over the same record, giving the reads the live path
-- gave. A readable event is known by its stream, sequence and event id; a record with no readable envelope by the
-- SHA-256 of its bytes (one skip passes over one such record). skip_id tells a rebuild whether a skip came while it ran.
CREATE TABLE skipped_record (
    skip_id       BIGSERIAL    PRIMARY KEY,
    stream_id     VARCHAR(100) COLLATE "C" NOT NULL,
    sequence      BIGINT       NOT NULL,
    event_id      VARCHAR(64),
    record_sha256 BYTEA,
    skipped_at    TIMESTAMPTZ  NOT NULL DEFAULT now(),
    CHECK ((event_id IS NULL) <> (record_sha256 IS NULL))
);
