-- The evaluators' export reads people page by page in the order their first event was recorded (short queries, so it
-- never holds a snapshot or a lock on person_history for a whole download).
CREATE INDEX person_history_first_recorded ON person_history (first_recorded_at, person_id);
