DROP INDEX "institution_search_trgm_idx";--> statement-breakpoint
ALTER TABLE "institution" drop column "search_text";--> statement-breakpoint
ALTER TABLE "institution" ADD COLUMN "search_text" text GENERATED ALWAYS AS (lower(name || ' ' || credit_code)) STORED;--> statement-breakpoint
CREATE INDEX "institution_search_text_trgm_idx" ON "institution" USING gin ("search_text" gin_trgm_ops);