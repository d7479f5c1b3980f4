-- No read filters referral statistics by service (they are grouped over the whole table), so the index on
-- referral_stat.service_id only cost every write, and a rebuild one more index to build.
DROP INDEX referral_stat_service;
