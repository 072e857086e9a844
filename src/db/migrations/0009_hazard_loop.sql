CREATE TABLE "attachment" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"sha256" varchar(64) NOT NULL,
	"file_name" text NOT NULL,
	"uploaded_by" uuid NOT NULL,
	"uploaded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"record_kind" text,
	"record_id" uuid,
	"event_id" bigint,
	"purpose" text,
	CONSTRAINT "attachment_bound_check" CHECK ((record_kind is null) = (record_id is null))
);
--> statement-breakpoint
CREATE TABLE "authority_setting" (
	"authority_code" varchar(6) PRIMARY KEY NOT NULL,
	"hazard_prefix" text,
	"notice_prefix" text,
	"listing_prefix" text,
	"due_soon_days" smallint,
	"listing_publish_days" smallint,
	"delisting_publish_days" smallint,
	"extension_lead_days" smallint,
	"extension_decision_days" smallint,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid
);
--> statement-breakpoint
CREATE TABLE "calendar_correction" (
	"day" date PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid,
	CONSTRAINT "calendar_correction_kind_check" CHECK (kind in ('workday', 'holiday'))
);
--> statement-breakpoint
CREATE TABLE "export_job" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"filters" jsonb NOT NULL,
	"state" text DEFAULT 'queued' NOT NULL,
	"rows_done" integer DEFAULT 0 NOT NULL,
	"rows_total" integer,
	"file_name" text NOT NULL,
	"error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	CONSTRAINT "export_job_state_check" CHECK (state in ('queued', 'running', 'done', 'failed'))
);
--> statement-breakpoint
CREATE TABLE "hazard_category" (
	"authority_code" varchar(6) NOT NULL,
	"name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	CONSTRAINT "hazard_category_authority_code_name_pk" PRIMARY KEY("authority_code","name")
);
--> statement-breakpoint
CREATE TABLE "hazard_listing" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"hazard_id" uuid NOT NULL,
	"listing_authority_code" varchar(6) NOT NULL,
	"document_number" text NOT NULL,
	"deadline" date NOT NULL,
	"supervising_department" text NOT NULL,
	"listed_on" date NOT NULL,
	"listed_by" uuid,
	"published_on" date,
	"acknowledged_at" timestamp with time zone,
	"acknowledged_by" uuid,
	"delisted_on" date,
	"delisted_by" uuid,
	"delisting_published_on" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "hazard_listing_document_number_key" UNIQUE("document_number")
);
--> statement-breakpoint
CREATE TABLE "notice" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"number" text NOT NULL,
	"kind" text NOT NULL,
	"authority_code" varchar(6) NOT NULL,
	"institution_id" uuid NOT NULL,
	"jurisdiction_path" text COLLATE "C" NOT NULL,
	"verify_code" text NOT NULL,
	"issued_on" date NOT NULL,
	"issued_by" uuid NOT NULL,
	"content" jsonb NOT NULL,
	"acknowledged_at" timestamp with time zone,
	"acknowledged_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "notice_number_key" UNIQUE("number"),
	CONSTRAINT "notice_verify_code_key" UNIQUE("verify_code"),
	CONSTRAINT "notice_kind_check" CHECK (kind in ('rectification', 'supervision_opinion'))
);
--> statement-breakpoint
CREATE TABLE "notice_hazard" (
	"notice_id" uuid NOT NULL,
	"hazard_id" uuid NOT NULL,
	CONSTRAINT "notice_hazard_notice_id_hazard_id_pk" PRIMARY KEY("notice_id","hazard_id")
);
--> statement-breakpoint
CREATE TABLE "notification" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"day" date NOT NULL,
	"title" text NOT NULL,
	"body" jsonb NOT NULL,
	"read_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "stored_file" (
	"sha256" varchar(64) PRIMARY KEY NOT NULL,
	"media_type" text NOT NULL,
	"size" integer NOT NULL,
	"width" integer,
	"height" integer,
	"has_thumbnail" boolean DEFAULT false NOT NULL,
	"captured_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "attachment" ADD CONSTRAINT "attachment_sha256_stored_file_sha256_fk" FOREIGN KEY ("sha256") REFERENCES "public"."stored_file"("sha256") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attachment" ADD CONSTRAINT "attachment_uploaded_by_app_user_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "authority_setting" ADD CONSTRAINT "authority_setting_authority_code_jurisdiction_code_fk" FOREIGN KEY ("authority_code") REFERENCES "public"."jurisdiction"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "authority_setting" ADD CONSTRAINT "authority_setting_updated_by_app_user_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "calendar_correction" ADD CONSTRAINT "calendar_correction_updated_by_app_user_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "export_job" ADD CONSTRAINT "export_job_user_id_app_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hazard_category" ADD CONSTRAINT "hazard_category_authority_code_jurisdiction_code_fk" FOREIGN KEY ("authority_code") REFERENCES "public"."jurisdiction"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hazard_category" ADD CONSTRAINT "hazard_category_created_by_app_user_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hazard_listing" ADD CONSTRAINT "hazard_listing_hazard_id_hazard_id_fk" FOREIGN KEY ("hazard_id") REFERENCES "public"."hazard"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hazard_listing" ADD CONSTRAINT "hazard_listing_listing_authority_code_jurisdiction_code_fk" FOREIGN KEY ("listing_authority_code") REFERENCES "public"."jurisdiction"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hazard_listing" ADD CONSTRAINT "hazard_listing_listed_by_app_user_id_fk" FOREIGN KEY ("listed_by") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hazard_listing" ADD CONSTRAINT "hazard_listing_acknowledged_by_app_user_id_fk" FOREIGN KEY ("acknowledged_by") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hazard_listing" ADD CONSTRAINT "hazard_listing_delisted_by_app_user_id_fk" FOREIGN KEY ("delisted_by") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notice" ADD CONSTRAINT "notice_authority_code_jurisdiction_code_fk" FOREIGN KEY ("authority_code") REFERENCES "public"."jurisdiction"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notice" ADD CONSTRAINT "notice_institution_id_institution_id_fk" FOREIGN KEY ("institution_id") REFERENCES "public"."institution"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notice" ADD CONSTRAINT "notice_issued_by_app_user_id_fk" FOREIGN KEY ("issued_by") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notice" ADD CONSTRAINT "notice_acknowledged_by_app_user_id_fk" FOREIGN KEY ("acknowledged_by") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notice_hazard" ADD CONSTRAINT "notice_hazard_notice_id_notice_id_fk" FOREIGN KEY ("notice_id") REFERENCES "public"."notice"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notice_hazard" ADD CONSTRAINT "notice_hazard_hazard_id_hazard_id_fk" FOREIGN KEY ("hazard_id") REFERENCES "public"."hazard"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notification" ADD CONSTRAINT "notification_user_id_app_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "attachment_record_idx" ON "attachment" USING btree ("record_kind","record_id");--> statement-breakpoint
CREATE INDEX "attachment_unbound_idx" ON "attachment" USING btree ("uploaded_by") WHERE record_id is null;--> statement-breakpoint
CREATE INDEX "export_job_user_idx" ON "export_job" USING btree ("user_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "hazard_listing_active_key" ON "hazard_listing" USING btree ("hazard_id") WHERE delisted_on is null;--> statement-breakpoint
CREATE INDEX "hazard_listing_authority_idx" ON "hazard_listing" USING btree ("listing_authority_code","listed_on");--> statement-breakpoint
CREATE INDEX "notice_path_idx" ON "notice" USING btree ("jurisdiction_path","created_at","id");--> statement-breakpoint
CREATE INDEX "notice_institution_idx" ON "notice" USING btree ("institution_id","created_at","id");--> statement-breakpoint
CREATE INDEX "notice_hazard_hazard_idx" ON "notice_hazard" USING btree ("hazard_id");--> statement-breakpoint
CREATE UNIQUE INDEX "notification_user_kind_day_key" ON "notification" USING btree ("user_id","kind","day");--> statement-breakpoint
CREATE INDEX "notification_unread_idx" ON "notification" USING btree ("user_id") WHERE read_at is null;