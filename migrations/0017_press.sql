CREATE TABLE "press_answers" (
	"id" serial PRIMARY KEY NOT NULL,
	"event_id" integer NOT NULL,
	"question" text NOT NULL,
	"answer" text NOT NULL,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "press_events" (
	"id" serial PRIMARY KEY NOT NULL,
	"org_id" integer NOT NULL,
	"type" text NOT NULL,
	"category" text NOT NULL,
	"title" text NOT NULL,
	"planned_at" timestamp with time zone NOT NULL,
	"place" text DEFAULT '' NOT NULL,
	"speaker" text NOT NULL,
	"speaker_kind" text NOT NULL,
	"guests" text DEFAULT '' NOT NULL,
	"gov_name" boolean DEFAULT false NOT NULL,
	"wide_scope" boolean DEFAULT false NOT NULL,
	"emergency" boolean DEFAULT false NOT NULL,
	"incident_id" integer,
	"purpose" text NOT NULL,
	"outline" text NOT NULL,
	"participants" text DEFAULT '' NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"review_instance_id" integer,
	"approved_at" timestamp with time zone,
	"held_at" timestamp with time zone,
	"approval_due_at" timestamp with time zone,
	"cancelled_at" timestamp with time zone,
	"cancel_reason" text,
	"release_text" text,
	"release_published_at" timestamp with time zone,
	"release_record_id" integer,
	"release_withdrawn_at" timestamp with time zone,
	"release_withdraw_reason" text,
	"transcript_text" text,
	"transcript_published_at" timestamp with time zone,
	"transcript_record_id" integer,
	"transcript_withdrawn_at" timestamp with time zone,
	"transcript_withdraw_reason" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "press_answers" ADD CONSTRAINT "press_answers_event_id_press_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."press_events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "press_answers" ADD CONSTRAINT "press_answers_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "press_events" ADD CONSTRAINT "press_events_org_id_org_units_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "press_events" ADD CONSTRAINT "press_events_incident_id_opinion_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."opinion_incidents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "press_events" ADD CONSTRAINT "press_events_release_record_id_catalog_records_id_fk" FOREIGN KEY ("release_record_id") REFERENCES "public"."catalog_records"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "press_events" ADD CONSTRAINT "press_events_transcript_record_id_catalog_records_id_fk" FOREIGN KEY ("transcript_record_id") REFERENCES "public"."catalog_records"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "press_events" ADD CONSTRAINT "press_events_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "press_answers_event_idx" ON "press_answers" USING btree ("event_id");--> statement-breakpoint
CREATE INDEX "press_events_org_idx" ON "press_events" USING btree ("org_id","planned_at");--> statement-breakpoint
CREATE INDEX "press_events_status_idx" ON "press_events" USING btree ("status","planned_at");--> statement-breakpoint
CREATE INDEX "press_events_incident_idx" ON "press_events" USING btree ("incident_id");