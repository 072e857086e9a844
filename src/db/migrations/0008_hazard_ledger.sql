CREATE TABLE "document_serial" (
	"authority_code" varchar(6) NOT NULL,
	"kind" text NOT NULL,
	"year" smallint NOT NULL,
	"last" integer NOT NULL,
	CONSTRAINT "document_serial_authority_code_kind_year_pk" PRIMARY KEY("authority_code","kind","year")
);
--> statement-breakpoint
CREATE TABLE "hazard" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"number" text NOT NULL,
	"authority_code" varchar(6) NOT NULL,
	"institution_id" uuid NOT NULL,
	"jurisdiction_path" text COLLATE "C" NOT NULL,
	"source" text DEFAULT 'direct' NOT NULL,
	"source_id" uuid,
	"found_on" date NOT NULL,
	"finders" text NOT NULL,
	"place" text NOT NULL,
	"category" text NOT NULL,
	"description" text NOT NULL,
	"basis" text DEFAULT '' NOT NULL,
	"grade" text NOT NULL,
	"handling" text NOT NULL,
	"deadline" date,
	"responsible_person" text NOT NULL,
	"responsible_phone" text DEFAULT '' NOT NULL,
	"major_plan" jsonb,
	"state" text DEFAULT 'pending' NOT NULL,
	"round" integer DEFAULT 0 NOT NULL,
	"pending_extension" jsonb,
	"version" integer DEFAULT 1 NOT NULL,
	"recorded_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "hazard_number_key" UNIQUE("number"),
	CONSTRAINT "hazard_source_check" CHECK (source in ('direct', 'inspection', 'self_inspection')),
	CONSTRAINT "hazard_grade_check" CHECK (grade in ('general', 'major')),
	CONSTRAINT "hazard_handling_check" CHECK (handling in ('on_the_spot', 'by_deadline')),
	CONSTRAINT "hazard_state_check" CHECK (state in ('pending', 'rectifying', 'awaiting_review', 'closed', 'voided')),
	CONSTRAINT "hazard_deadline_check" CHECK ((handling = 'on_the_spot') = (deadline is null))
);
--> statement-breakpoint
CREATE TABLE "hazard_event" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"hazard_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"round" integer NOT NULL,
	"actor_id" uuid,
	"actor_name" text NOT NULL,
	"at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"reason" text,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"changed" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
ALTER TABLE "document_serial" ADD CONSTRAINT "document_serial_authority_code_jurisdiction_code_fk" FOREIGN KEY ("authority_code") REFERENCES "public"."jurisdiction"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hazard" ADD CONSTRAINT "hazard_authority_code_jurisdiction_code_fk" FOREIGN KEY ("authority_code") REFERENCES "public"."jurisdiction"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hazard" ADD CONSTRAINT "hazard_institution_id_institution_id_fk" FOREIGN KEY ("institution_id") REFERENCES "public"."institution"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hazard" ADD CONSTRAINT "hazard_recorded_by_app_user_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hazard_event" ADD CONSTRAINT "hazard_event_hazard_id_hazard_id_fk" FOREIGN KEY ("hazard_id") REFERENCES "public"."hazard"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hazard_event" ADD CONSTRAINT "hazard_event_actor_id_app_user_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "hazard_path_idx" ON "hazard" USING btree ("jurisdiction_path","created_at","id");--> statement-breakpoint
CREATE INDEX "hazard_institution_idx" ON "hazard" USING btree ("institution_id","created_at","id");--> statement-breakpoint
CREATE INDEX "hazard_event_hazard_idx" ON "hazard_event" USING btree ("hazard_id","id");