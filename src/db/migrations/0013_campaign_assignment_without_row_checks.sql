-- campaign_assignment.campaign_id and .institution_id lose their foreign keys: checked row by row they
-- cost a province campaign's one INSERT … SELECT of 80,000 assignments about 2.7 s (EXPLAIN ANALYZE).
-- Integrity holds without them: assignments are written only by INSERT … SELECT from institution
-- (so institution_id is an institution's) for the campaign created or locked in the same transaction,
-- and neither campaigns nor institutions are ever deleted (an institution leaves the register by its
-- status). group_id keeps its key: it is set later, by hand, one campaign's groups at a time.
ALTER TABLE "campaign_assignment" DROP CONSTRAINT "campaign_assignment_campaign_id_campaign_id_fk";
--> statement-breakpoint
ALTER TABLE "campaign_assignment" DROP CONSTRAINT "campaign_assignment_institution_id_institution_id_fk";
