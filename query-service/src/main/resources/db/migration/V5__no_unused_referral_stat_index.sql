-- No read filters referral statistics by service (they are grouped over the whole table), so the index on
-- referral_stat.service_id only cost every write, and a rebuild one more index to build. Found by what it covers, not
-- by name: rebuilds before index names were kept gave it a random suffix.
DO $$
DECLARE
    unused TEXT;
BEGIN
    FOR unused IN
        SELECT i.relname
        FROM pg_index x
        JOIN pg_class i ON i.oid = x.indexrelid
        JOIN pg_attribute a ON a.attrelid = x.indrelid AND a.attnum = x.indkey[0]
        WHERE x.indrelid = 'referral_stat'::regclass AND x.indnatts = 1 AND NOT x.indisunique AND a.attname = 'service_id'
    LOOP
        EXECUTE format('DROP INDEX %I', unused);
    END LOOP;
END
$$;
