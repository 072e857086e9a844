DROP INDEX "campaign_assignment_group_idx";--> statement-breakpoint
CREATE INDEX "campaign_assignment_progress_idx" ON "campaign_assignment" USING btree ("campaign_id","state","jurisdiction_path");--> statement-breakpoint
CREATE INDEX "hazard_source_idx" ON "hazard" USING btree ("source_id","institution_id") WHERE source_id is not null;--> statement-breakpoint
CREATE INDEX "campaign_assignment_group_idx" ON "campaign_assignment" USING btree ("group_id") WHERE group_id is not null;