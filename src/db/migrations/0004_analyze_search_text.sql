-- 0003 rebuilt search_text, which drops its statistics, and a rewrite does not count as
-- changes for autovacuum's analyze: refresh them so the planner can judge search selectivity.
ANALYZE institution;
