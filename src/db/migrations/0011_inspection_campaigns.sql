CREATE TABLE "campaign" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"authority_code" varchar(6) NOT NULL,
	"authority_path" text COLLATE "C" NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"selection" text DEFAULT 'all' NOT NULL,
	"period_start" date NOT NULL,
	"period_end" date NOT NULL,
	"unannounced" boolean DEFAULT false NOT NULL,
	"scope_rule" jsonb NOT NULL,
	"follow_up_of" uuid,
	"created_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "campaign_kind_check" CHECK (kind in ('quarterly', 'follow_up', 'special', 'holiday', 'self')),
	CONSTRAINT "campaign_selection_check" CHECK (selection in ('all', 'draw')),
	CONSTRAINT "campaign_period_check" CHECK (period_start <= period_end)
);
--> statement-breakpoint
CREATE TABLE "campaign_assignment" (
	"campaign_id" uuid NOT NULL,
	"institution_id" uuid NOT NULL,
	"jurisdiction_path" text COLLATE "C" NOT NULL,
	"group_id" uuid,
	"window_start" date NOT NULL,
	"window_end" date NOT NULL,
	"state" text DEFAULT 'pending' NOT NULL,
	"not_applicable_reason" text,
	"drawn_inspectors" jsonb,
	"inspection_id" uuid,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "campaign_assignment_campaign_id_institution_id_pk" PRIMARY KEY("campaign_id","institution_id"),
	CONSTRAINT "campaign_assignment_state_check" CHECK (state in ('pending', 'inspected', 'not_applicable')),
	CONSTRAINT "campaign_assignment_reason_check" CHECK ((state = 'not_applicable') = (not_applicable_reason is not null))
);
--> statement-breakpoint
CREATE TABLE "campaign_checklist" (
	"campaign_id" uuid NOT NULL,
	"checklist_version_id" uuid NOT NULL,
	"ordinal" smallint NOT NULL,
	CONSTRAINT "campaign_checklist_campaign_id_checklist_version_id_pk" PRIMARY KEY("campaign_id","checklist_version_id")
);
--> statement-breakpoint
CREATE TABLE "campaign_draw" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"campaign_id" uuid NOT NULL,
	"parameters" jsonb NOT NULL,
	"algorithm" text NOT NULL,
	"algorithm_version" integer NOT NULL,
	"seed" text NOT NULL,
	"pool" jsonb NOT NULL,
	"pool_size" integer NOT NULL,
	"result" jsonb NOT NULL,
	"operator_id" uuid NOT NULL,
	"witness" text NOT NULL,
	"drawn_at" timestamp with time zone DEFAULT now() NOT NULL,
	"published_at" timestamp with time zone,
	"public_code" text,
	CONSTRAINT "campaign_draw_public_code_key" UNIQUE("public_code")
);
--> statement-breakpoint
CREATE TABLE "checklist" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"authority_code" varchar(6),
	"shipped_key" text,
	"name" text NOT NULL,
	"scored" boolean DEFAULT false NOT NULL,
	"current_version" integer DEFAULT 1 NOT NULL,
	"archived" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "checklist_shipped_key_key" UNIQUE("shipped_key")
);
--> statement-breakpoint
CREATE TABLE "checklist_version" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"checklist_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"content" jsonb NOT NULL,
	"item_count" integer NOT NULL,
	"max_score" integer,
	"first_used_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "expert" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"authority_code" varchar(6) NOT NULL,
	"name" text NOT NULL,
	"unit" text DEFAULT '' NOT NULL,
	"institution_id" uuid,
	"speciality" text DEFAULT '' NOT NULL,
	"phone" text DEFAULT '' NOT NULL,
	"conflict_institution_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"conflict_note" text DEFAULT '' NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "inspection" (
	"id" uuid PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"campaign_id" uuid,
	"group_id" uuid,
	"institution_id" uuid NOT NULL,
	"jurisdiction_path" text COLLATE "C" NOT NULL,
	"authority_code" varchar(6),
	"checklist_version_id" uuid NOT NULL,
	"inspected_on" date NOT NULL,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	"place" text DEFAULT '' NOT NULL,
	"inspectors" jsonb NOT NULL,
	"answers" jsonb NOT NULL,
	"non_compliant_count" integer DEFAULT 0 NOT NULL,
	"hazard_count" integer DEFAULT 0 NOT NULL,
	"score" integer,
	"remarks" text DEFAULT '' NOT NULL,
	"on_site_opinions" text DEFAULT '' NOT NULL,
	"representative_name" text DEFAULT '' NOT NULL,
	"acknowledged_at" timestamp with time zone,
	"rechecks" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"submitted_by" uuid NOT NULL,
	"submitted_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "inspection_kind_check" CHECK (kind in ('supervision', 'self')),
	CONSTRAINT "inspection_authority_check" CHECK ((kind = 'self') = (authority_code is null))
);
--> statement-breakpoint
CREATE TABLE "working_group" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"campaign_id" uuid NOT NULL,
	"name" text NOT NULL,
	"ordinal" smallint NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "working_group_member" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"group_id" uuid NOT NULL,
	"user_id" uuid,
	"expert_id" uuid,
	"role" text NOT NULL,
	"is_leader" boolean DEFAULT false NOT NULL,
	CONSTRAINT "working_group_member_role_check" CHECK (role in ('leader', 'expert', 'task_force')),
	CONSTRAINT "working_group_member_who_check" CHECK ((user_id is null) <> (expert_id is null))
);
--> statement-breakpoint
ALTER TABLE "hazard" ADD COLUMN "source_item_key" text;--> statement-breakpoint
ALTER TABLE "campaign" ADD CONSTRAINT "campaign_authority_code_jurisdiction_code_fk" FOREIGN KEY ("authority_code") REFERENCES "public"."jurisdiction"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign" ADD CONSTRAINT "campaign_follow_up_of_campaign_id_fk" FOREIGN KEY ("follow_up_of") REFERENCES "public"."campaign"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign" ADD CONSTRAINT "campaign_created_by_app_user_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_assignment" ADD CONSTRAINT "campaign_assignment_campaign_id_campaign_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaign"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_assignment" ADD CONSTRAINT "campaign_assignment_institution_id_institution_id_fk" FOREIGN KEY ("institution_id") REFERENCES "public"."institution"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_assignment" ADD CONSTRAINT "campaign_assignment_group_id_working_group_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."working_group"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_checklist" ADD CONSTRAINT "campaign_checklist_campaign_id_campaign_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaign"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_checklist" ADD CONSTRAINT "campaign_checklist_checklist_version_id_checklist_version_id_fk" FOREIGN KEY ("checklist_version_id") REFERENCES "public"."checklist_version"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_draw" ADD CONSTRAINT "campaign_draw_campaign_id_campaign_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaign"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_draw" ADD CONSTRAINT "campaign_draw_operator_id_app_user_id_fk" FOREIGN KEY ("operator_id") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "checklist" ADD CONSTRAINT "checklist_authority_code_jurisdiction_code_fk" FOREIGN KEY ("authority_code") REFERENCES "public"."jurisdiction"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "checklist_version" ADD CONSTRAINT "checklist_version_checklist_id_checklist_id_fk" FOREIGN KEY ("checklist_id") REFERENCES "public"."checklist"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "checklist_version" ADD CONSTRAINT "checklist_version_created_by_app_user_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "expert" ADD CONSTRAINT "expert_authority_code_jurisdiction_code_fk" FOREIGN KEY ("authority_code") REFERENCES "public"."jurisdiction"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "expert" ADD CONSTRAINT "expert_institution_id_institution_id_fk" FOREIGN KEY ("institution_id") REFERENCES "public"."institution"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspection" ADD CONSTRAINT "inspection_campaign_id_campaign_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaign"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspection" ADD CONSTRAINT "inspection_group_id_working_group_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."working_group"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspection" ADD CONSTRAINT "inspection_institution_id_institution_id_fk" FOREIGN KEY ("institution_id") REFERENCES "public"."institution"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspection" ADD CONSTRAINT "inspection_authority_code_jurisdiction_code_fk" FOREIGN KEY ("authority_code") REFERENCES "public"."jurisdiction"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspection" ADD CONSTRAINT "inspection_checklist_version_id_checklist_version_id_fk" FOREIGN KEY ("checklist_version_id") REFERENCES "public"."checklist_version"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspection" ADD CONSTRAINT "inspection_submitted_by_app_user_id_fk" FOREIGN KEY ("submitted_by") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "working_group" ADD CONSTRAINT "working_group_campaign_id_campaign_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaign"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "working_group_member" ADD CONSTRAINT "working_group_member_group_id_working_group_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."working_group"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "working_group_member" ADD CONSTRAINT "working_group_member_user_id_app_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "working_group_member" ADD CONSTRAINT "working_group_member_expert_id_expert_id_fk" FOREIGN KEY ("expert_id") REFERENCES "public"."expert"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "campaign_authority_idx" ON "campaign" USING btree ("authority_path","period_start");--> statement-breakpoint
CREATE INDEX "campaign_follow_up_idx" ON "campaign" USING btree ("follow_up_of");--> statement-breakpoint
CREATE INDEX "campaign_assignment_path_idx" ON "campaign_assignment" USING btree ("campaign_id","jurisdiction_path");--> statement-breakpoint
CREATE INDEX "campaign_assignment_institution_idx" ON "campaign_assignment" USING btree ("institution_id");--> statement-breakpoint
CREATE INDEX "campaign_assignment_group_idx" ON "campaign_assignment" USING btree ("group_id");--> statement-breakpoint
CREATE INDEX "campaign_draw_campaign_idx" ON "campaign_draw" USING btree ("campaign_id","drawn_at");--> statement-breakpoint
CREATE UNIQUE INDEX "checklist_authority_name_key" ON "checklist" USING btree (coalesce("authority_code", ''),"name");--> statement-breakpoint
CREATE UNIQUE INDEX "checklist_version_key" ON "checklist_version" USING btree ("checklist_id","version");--> statement-breakpoint
CREATE INDEX "expert_authority_idx" ON "expert" USING btree ("authority_code","name");--> statement-breakpoint
CREATE INDEX "inspection_path_idx" ON "inspection" USING btree ("jurisdiction_path","inspected_on","id");--> statement-breakpoint
CREATE INDEX "inspection_institution_idx" ON "inspection" USING btree ("institution_id","inspected_on");--> statement-breakpoint
CREATE INDEX "inspection_campaign_idx" ON "inspection" USING btree ("campaign_id","inspected_on");--> statement-breakpoint
CREATE INDEX "inspection_inspected_on_idx" ON "inspection" USING btree ("inspected_on","id");--> statement-breakpoint
CREATE UNIQUE INDEX "working_group_name_key" ON "working_group" USING btree ("campaign_id","name");--> statement-breakpoint
CREATE UNIQUE INDEX "working_group_member_user_key" ON "working_group_member" USING btree ("group_id","user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "working_group_member_expert_key" ON "working_group_member" USING btree ("group_id","expert_id");