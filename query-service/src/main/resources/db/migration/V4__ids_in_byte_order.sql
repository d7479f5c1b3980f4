-- Identifiers compare byte by byte (COLLATE "C") rather than by the database's locale: they are opaque codes, so
-- their order is the same on every deployment whatever its locale, and sorting them (index builds in a rebuild,
-- ORDER BY) is cheaper, as PostgreSQL can compare abbreviated keys and bytes instead of calling strcoll.
ALTER TABLE person_history  ALTER COLUMN person_id   TYPE VARCHAR(100) COLLATE "C";
ALTER TABLE stream_position ALTER COLUMN stream_id   TYPE VARCHAR(100) COLLATE "C";
ALTER TABLE held_event      ALTER COLUMN stream_id   TYPE VARCHAR(100) COLLATE "C";
ALTER TABLE dead_letter     ALTER COLUMN stream_id   TYPE VARCHAR(100) COLLATE "C";
ALTER TABLE service_view    ALTER COLUMN service_id  TYPE VARCHAR(100) COLLATE "C";
ALTER TABLE waitlist_entry  ALTER COLUMN service_id  TYPE VARCHAR(100) COLLATE "C",
                            ALTER COLUMN referral_id TYPE VARCHAR(100) COLLATE "C",
                            ALTER COLUMN person_id   TYPE VARCHAR(100) COLLATE "C";
ALTER TABLE placement_view  ALTER COLUMN person_id   TYPE VARCHAR(100) COLLATE "C",
                            ALTER COLUMN service_id  TYPE VARCHAR(100) COLLATE "C",
                            ALTER COLUMN referral_id TYPE VARCHAR(100) COLLATE "C";
ALTER TABLE referral_stat   ALTER COLUMN person_id   TYPE VARCHAR(100) COLLATE "C",
                            ALTER COLUMN referral_id TYPE VARCHAR(100) COLLATE "C",
                            ALTER COLUMN service_id  TYPE VARCHAR(100) COLLATE "C";
ALTER TABLE service_referral ALTER COLUMN person_id  TYPE VARCHAR(100) COLLATE "C",
                            ALTER COLUMN service_id  TYPE VARCHAR(100) COLLATE "C";
