CREATE TABLE "institution_tally" (
	"jurisdiction_path" text COLLATE "C" NOT NULL,
	"status" text NOT NULL,
	"type" text NOT NULL,
	"grade" text NOT NULL,
	"count" integer NOT NULL,
	CONSTRAINT "institution_tally_jurisdiction_path_status_type_grade_pk" PRIMARY KEY("jurisdiction_path","status","type","grade")
);
--> statement-breakpoint
-- The tally follows every insert, update and delete of institutions, once per statement (an import
-- of thousands of rows is one upsert per group), in the same transaction as the change. Groups are
-- locked in key order so that two concurrent imports cannot deadlock on each other's groups, and an
-- update that moves no row between groups (a new phone number) locks nothing.
CREATE FUNCTION institution_tally_follow() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- Each branch names only the transition tables its trigger has (an insert has no old rows).
  IF TG_OP = 'INSERT' THEN
    INSERT INTO institution_tally AS t (jurisdiction_path, status, type, grade, count)
    SELECT jurisdiction_path, status, type, grade, count(*) FROM new_rows GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
    ON CONFLICT (jurisdiction_path, status, type, grade) DO UPDATE SET count = t.count + excluded.count;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO institution_tally AS t (jurisdiction_path, status, type, grade, count)
    SELECT jurisdiction_path, status, type, grade, -count(*) FROM old_rows GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
    ON CONFLICT (jurisdiction_path, status, type, grade) DO UPDATE SET count = t.count + excluded.count;
  ELSE
    INSERT INTO institution_tally AS t (jurisdiction_path, status, type, grade, count)
    SELECT jurisdiction_path, status, type, grade, sum(delta)
    FROM (
      SELECT jurisdiction_path, status, type, grade, -1 AS delta FROM old_rows
      UNION ALL
      SELECT jurisdiction_path, status, type, grade, 1 FROM new_rows
    ) AS changed
    GROUP BY 1, 2, 3, 4
    HAVING sum(delta) <> 0
    ORDER BY 1, 2, 3, 4
    ON CONFLICT (jurisdiction_path, status, type, grade) DO UPDATE SET count = t.count + excluded.count;
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER institution_tally_insert AFTER INSERT ON institution REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION institution_tally_follow();
--> statement-breakpoint
CREATE TRIGGER institution_tally_delete AFTER DELETE ON institution REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION institution_tally_follow();
--> statement-breakpoint
CREATE TRIGGER institution_tally_update AFTER UPDATE ON institution REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION institution_tally_follow();
--> statement-breakpoint
INSERT INTO institution_tally (jurisdiction_path, status, type, grade, count)
SELECT jurisdiction_path, status, type, grade, count(*) FROM institution GROUP BY 1, 2, 3, 4;
