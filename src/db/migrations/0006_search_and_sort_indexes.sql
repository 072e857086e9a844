-- Every one- and two-character substring of a text. Chinese search terms are often two characters
-- (城关, 卫生), too short for pg_trgm's trigrams: they are looked up in a GIN index of these instead
-- (docs/adr/0005-search.md). A loop in plpgsql: about 10 µs a row, a tenth of the set-returning SQL
-- form; repeated grams are left in, GIN keeps each key once.
CREATE FUNCTION search_grams(text) RETURNS text[] LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE COST 1000 AS $$
DECLARE
  chars text[] := string_to_array($1, NULL);
  n int := cardinality(chars);
  grams text[] := chars;
BEGIN
  FOR i IN 1 .. n - 1 LOOP
    grams[n + i] := chars[i] || chars[i + 1];
  END LOOP;
  RETURN grams;
END
$$;--> statement-breakpoint
-- Paths are ASCII: in the "C" collation one plain btree serves `like 'prefix%'`, ORDER BY and GROUP BY
-- on them, whatever the database's own collation (text_pattern_ops served only the first).
DROP INDEX "institution_path_idx";--> statement-breakpoint
ALTER TABLE "institution" ALTER COLUMN "jurisdiction_path" SET DATA TYPE text COLLATE "C";--> statement-breakpoint
DROP INDEX "institution_type_idx";--> statement-breakpoint
DROP INDEX "institution_name_idx";--> statement-breakpoint
ALTER TABLE "institution" ALTER COLUMN "updated_at" SET DATA TYPE timestamp (3) with time zone;--> statement-breakpoint
ALTER TABLE "institution" ALTER COLUMN "updated_at" SET DEFAULT now();--> statement-breakpoint
ALTER TABLE "institution" ADD COLUMN "grade_rank" smallint GENERATED ALWAYS AS (case grade when 'grade3' then 3 when 'grade2' then 2 when 'grade1' then 1 when 'ungraded' then 0 else 0 end) STORED;--> statement-breakpoint
CREATE INDEX "institution_grade_rank_idx" ON "institution" USING btree ("grade_rank","id");--> statement-breakpoint
CREATE INDEX "institution_beds_idx" ON "institution" USING btree ("beds","id");--> statement-breakpoint
CREATE INDEX "institution_updated_at_idx" ON "institution" USING btree ("updated_at","id");--> statement-breakpoint
CREATE INDEX "institution_counts_idx" ON "institution" USING btree ("jurisdiction_path","status","type","grade");--> statement-breakpoint
CREATE INDEX "institution_search_grams_idx" ON "institution" USING gin (search_grams("search_text"));--> statement-breakpoint
CREATE INDEX "institution_path_idx" ON "institution" USING btree ("jurisdiction_path","name" collate "zh-x-icu","id");--> statement-breakpoint
CREATE INDEX "institution_name_idx" ON "institution" USING btree ("name" collate "zh-x-icu","id");--> statement-breakpoint
ANALYZE institution;