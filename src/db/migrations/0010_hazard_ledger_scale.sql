-- The ledger at province scale (two million hazards): its order (found date) within a county, an
-- institution, a state and the province; the deadline and number sorts; overdue counted among the
-- few unsubmitted hazards; text search in place and description by the grams index of 0006, which
-- serves one- and two-character Chinese terms (消防, 电线) and, pair by pair, longer ones.
-- export_job keeps the scope its owner had when asking.
DROP INDEX "hazard_path_idx";--> statement-breakpoint
DROP INDEX "hazard_institution_idx";--> statement-breakpoint
ALTER TABLE "export_job" ADD COLUMN "scope" jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "hazard" ADD COLUMN "search_text" text GENERATED ALWAYS AS (lower(place || ' ' || description)) STORED;--> statement-breakpoint
ALTER TABLE "hazard" ADD COLUMN "state_rank" smallint GENERATED ALWAYS AS (case state when 'pending' then 1 when 'rectifying' then 2 when 'awaiting_review' then 3 when 'closed' then 4 when 'voided' then 5 else 0 end) STORED;--> statement-breakpoint
CREATE INDEX "hazard_state_idx" ON "hazard" USING btree ("state_rank","found_on","id");--> statement-breakpoint
CREATE INDEX "hazard_state_path_idx" ON "hazard" USING btree ("state_rank","jurisdiction_path","found_on","id");--> statement-breakpoint
CREATE INDEX "hazard_found_on_idx" ON "hazard" USING btree ("found_on","id");--> statement-breakpoint
CREATE INDEX "hazard_deadline_idx" ON "hazard" USING btree (coalesce("deadline", 'infinity'::date),"id");--> statement-breakpoint
CREATE INDEX "hazard_number_idx" ON "hazard" USING btree ("number","id");--> statement-breakpoint
CREATE INDEX "hazard_unsubmitted_idx" ON "hazard" USING btree ("jurisdiction_path","deadline") WHERE state in ('pending', 'rectifying');--> statement-breakpoint
CREATE INDEX "hazard_unsubmitted_found_on_idx" ON "hazard" USING btree ("found_on","id","deadline","jurisdiction_path") WHERE state in ('pending', 'rectifying');--> statement-breakpoint
CREATE INDEX "hazard_search_grams_idx" ON "hazard" USING gin (search_grams("search_text"));--> statement-breakpoint
CREATE INDEX "hazard_path_idx" ON "hazard" USING btree ("jurisdiction_path","found_on","id");--> statement-breakpoint
CREATE INDEX "hazard_institution_idx" ON "hazard" USING btree ("institution_id","found_on","id");