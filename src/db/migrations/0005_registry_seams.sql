-- The institution import's batches become the batches of every register's import (platform/import).
ALTER TABLE "institution_import" RENAME TO "data_import";--> statement-breakpoint
ALTER TABLE "data_import" RENAME COLUMN "valid_rows" TO "rows";--> statement-breakpoint
ALTER TABLE "data_import" ADD COLUMN "kind" text NOT NULL DEFAULT 'institution';--> statement-breakpoint
ALTER TABLE "data_import" ALTER COLUMN "kind" DROP DEFAULT;--> statement-breakpoint
-- Batches previewed before this release hold rows in the old shape: they must be uploaded again.
UPDATE "data_import" SET "status" = 'expired' WHERE "status" = 'pending';--> statement-breakpoint
ALTER TABLE "data_import" DROP CONSTRAINT "institution_import_user_id_app_user_id_fk";
--> statement-breakpoint
ALTER TABLE "app_user" ADD COLUMN "jurisdiction_path" text;--> statement-breakpoint
-- Users are scoped by the rule every table follows: an authority's user by its jurisdiction's path,
-- an institution's user by its institution's.
UPDATE "app_user" u SET "jurisdiction_path" = coalesce(
  (SELECT j."path" FROM "jurisdiction" j WHERE j."code" = u."jurisdiction_code"),
  (SELECT i."jurisdiction_path" FROM "institution" i WHERE i."id" = u."institution_id")
);--> statement-breakpoint
ALTER TABLE "audit_log" ADD COLUMN "target_path" text;--> statement-breakpoint
ALTER TABLE "audit_log" ADD COLUMN "target_name" text;--> statement-breakpoint
ALTER TABLE "institution" ADD COLUMN "status" text DEFAULT 'active' NOT NULL;--> statement-breakpoint
ALTER TABLE "institution" ADD COLUMN "closed_on" date;--> statement-breakpoint
ALTER TABLE "institution" ADD COLUMN "closure_reason" text;--> statement-breakpoint
ALTER TABLE "data_import" ADD CONSTRAINT "data_import_user_id_app_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "app_user_path_idx" ON "app_user" USING btree ("jurisdiction_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "audit_log_target_idx" ON "audit_log" USING btree ("target_type","target_id","id");--> statement-breakpoint
CREATE INDEX "audit_log_target_path_idx" ON "audit_log" USING btree ("target_path" text_pattern_ops,"id");--> statement-breakpoint
-- The types of 医疗机构管理条例实施细则 第三条 that the first release lacked: institutions it had to
-- file under a neighbouring type move to their own, by what their names say. Each move is an
-- audited change like any other (actor system:migration), recorded before it is made.
WITH "retyped" AS (
  SELECT "id", "name", "jurisdiction_path", "type" AS "from_type",
    CASE
      WHEN "type" IN ('general_hospital', 'specialist_hospital') AND "name" LIKE '%中西医结合医院' THEN 'integrated_hospital'
      WHEN "type" IN ('general_hospital', 'specialist_hospital') AND "name" LIKE '%康复医院' THEN 'rehabilitation_hospital'
      WHEN "type" IN ('general_hospital', 'specialist_hospital') AND "name" LIKE '%护理院' THEN 'nursing_home'
      WHEN "type" = 'township_health_center' AND "name" LIKE '%中心卫生院' THEN 'central_health_center'
      WHEN "type" = 'township_health_center' AND "name" LIKE '%街道卫生院' THEN 'street_health_center'
      WHEN "type" = 'village_clinic' AND "name" NOT LIKE '%村%' AND "name" LIKE '%诊所' THEN 'clinic'
      WHEN "type" = 'village_clinic' AND "name" NOT LIKE '%村%' AND "name" LIKE '%门诊部' THEN 'outpatient_department'
      WHEN "type" = 'village_clinic' AND "name" NOT LIKE '%村%' AND ("name" LIKE '%医务室' OR "name" LIKE '%卫生所') THEN 'infirmary'
    END AS "to_type"
  FROM "institution"
), "moved" AS (
  UPDATE "institution" i SET "type" = r."to_type", "updated_at" = now()
  FROM "retyped" r WHERE r."id" = i."id" AND r."to_type" IS NOT NULL
  RETURNING i."id"
)
INSERT INTO "audit_log" ("actor_username", "ip", "action", "target_type", "target_id", "target_path", "target_name", "result", "detail")
SELECT 'system:migration', 'system', 'institution.update', 'institution', r."id"::text, r."jurisdiction_path", r."name", 'success',
  jsonb_build_object('name', r."name", 'changes', jsonb_build_object('type', jsonb_build_object('from', r."from_type", 'to', r."to_type")))
FROM "retyped" r JOIN "moved" m ON m."id" = r."id";--> statement-breakpoint
ALTER TABLE "institution" ADD CONSTRAINT "institution_type_known" CHECK (type in ('general_hospital', 'tcm_hospital', 'integrated_hospital', 'ethnic_hospital', 'specialist_hospital', 'rehabilitation_hospital', 'nursing_home', 'community_health_center', 'community_health_station', 'central_health_center', 'township_health_center', 'street_health_center', 'outpatient_department', 'clinic', 'infirmary', 'village_clinic', 'nursing_station', 'cdc', 'maternal_child_health', 'specialist_disease_prevention', 'emergency_center', 'blood_station', 'sanatorium', 'clinical_lab_center', 'independent_medical_center', 'other_medical', 'childcare', 'elderly_care', 'public_place'));--> statement-breakpoint
ALTER TABLE "institution" ADD CONSTRAINT "institution_grade_known" CHECK (grade in ('grade3', 'grade2', 'grade1', 'ungraded'));--> statement-breakpoint
ALTER TABLE "institution" ADD CONSTRAINT "institution_ownership_known" CHECK (ownership in ('public', 'private'));--> statement-breakpoint
ALTER TABLE "institution" ADD CONSTRAINT "institution_status_known" CHECK (status in ('active', 'deregistered', 'suspended'));--> statement-breakpoint
ALTER TABLE "institution" ADD CONSTRAINT "institution_closure" CHECK ((status = 'active') = (closed_on is null and closure_reason is null));