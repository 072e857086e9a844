CREATE TABLE "app_user" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"username" text NOT NULL,
	"display_name" text NOT NULL,
	"password_hash" text NOT NULL,
	"role" text NOT NULL,
	"jurisdiction_code" varchar(6),
	"institution_id" uuid,
	"active" boolean DEFAULT true NOT NULL,
	"must_change_password" boolean DEFAULT true NOT NULL,
	"failed_logins" integer DEFAULT 0 NOT NULL,
	"locked_until" timestamp with time zone,
	"last_login_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "app_user_username_key" UNIQUE("username"),
	CONSTRAINT "app_user_affiliation" CHECK ((role = 'system_admin' and jurisdiction_code is null and institution_id is null)
        or (role in ('authority_admin', 'authority_inspector') and jurisdiction_code is not null and institution_id is null)
        or (role in ('institution_admin', 'institution_staff') and institution_id is not null and jurisdiction_code is null))
);
--> statement-breakpoint
CREATE TABLE "audit_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_id" uuid,
	"actor_username" text,
	"action" text NOT NULL,
	"target_type" text,
	"target_id" text,
	"result" text NOT NULL,
	"ip" text NOT NULL,
	"detail" jsonb
);
--> statement-breakpoint
CREATE TABLE "institution" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"credit_code" varchar(18) NOT NULL,
	"credit_code_checksum_ok" boolean NOT NULL,
	"type" text NOT NULL,
	"ownership" text NOT NULL,
	"grade" text NOT NULL,
	"provincial_direct" boolean DEFAULT false NOT NULL,
	"jurisdiction_code" varchar(6) NOT NULL,
	"jurisdiction_path" text NOT NULL,
	"address" text DEFAULT '' NOT NULL,
	"beds" integer DEFAULT 0 NOT NULL,
	"on_duty_medical_staff" integer DEFAULT 0 NOT NULL,
	"daily_outpatient_visits" integer DEFAULT 0 NOT NULL,
	"security_staff" integer DEFAULT 0 NOT NULL,
	"contact_person" text DEFAULT '' NOT NULL,
	"contact_phone" text DEFAULT '' NOT NULL,
	"search_text" text GENERATED ALWAYS AS (name || ' ' || credit_code) STORED,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "institution_credit_code_key" UNIQUE("credit_code"),
	CONSTRAINT "institution_counts_non_negative" CHECK (beds >= 0 and on_duty_medical_staff >= 0 and daily_outpatient_visits >= 0 and security_staff >= 0)
);
--> statement-breakpoint
CREATE TABLE "institution_import" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"file_name" text NOT NULL,
	"valid_rows" jsonb NOT NULL,
	"error_count" integer NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"confirmed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "jurisdiction" (
	"code" varchar(6) PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"level" text NOT NULL,
	"parent_code" varchar(6),
	"path" text NOT NULL,
	"code_kind" text NOT NULL,
	"authority_name" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "session" (
	"id" text PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"csrf_token" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	"ip" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "app_user" ADD CONSTRAINT "app_user_jurisdiction_code_jurisdiction_code_fk" FOREIGN KEY ("jurisdiction_code") REFERENCES "public"."jurisdiction"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "app_user" ADD CONSTRAINT "app_user_institution_id_institution_id_fk" FOREIGN KEY ("institution_id") REFERENCES "public"."institution"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "institution" ADD CONSTRAINT "institution_jurisdiction_code_jurisdiction_code_fk" FOREIGN KEY ("jurisdiction_code") REFERENCES "public"."jurisdiction"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "institution_import" ADD CONSTRAINT "institution_import_user_id_app_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "jurisdiction" ADD CONSTRAINT "jurisdiction_parent_code_jurisdiction_code_fk" FOREIGN KEY ("parent_code") REFERENCES "public"."jurisdiction"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session" ADD CONSTRAINT "session_user_id_app_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "app_user_jurisdiction_idx" ON "app_user" USING btree ("jurisdiction_code");--> statement-breakpoint
CREATE INDEX "app_user_institution_idx" ON "app_user" USING btree ("institution_id");--> statement-breakpoint
CREATE INDEX "audit_log_at_idx" ON "audit_log" USING btree ("at");--> statement-breakpoint
CREATE INDEX "audit_log_actor_idx" ON "audit_log" USING btree ("actor_username","at");--> statement-breakpoint
CREATE INDEX "audit_log_action_idx" ON "audit_log" USING btree ("action","at");--> statement-breakpoint
CREATE INDEX "institution_path_idx" ON "institution" USING btree ("jurisdiction_path" text_pattern_ops,"name","id");--> statement-breakpoint
CREATE INDEX "institution_name_idx" ON "institution" USING btree ("name","id");--> statement-breakpoint
CREATE INDEX "institution_type_idx" ON "institution" USING btree ("type");--> statement-breakpoint
CREATE INDEX "institution_grade_idx" ON "institution" USING btree ("grade");--> statement-breakpoint
CREATE INDEX "institution_search_trgm_idx" ON "institution" USING gin ("search_text" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "jurisdiction_parent_idx" ON "jurisdiction" USING btree ("parent_code");--> statement-breakpoint
CREATE INDEX "session_user_idx" ON "session" USING btree ("user_id");