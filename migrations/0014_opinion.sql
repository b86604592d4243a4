CREATE TABLE "opinion_corrections" (
	"id" serial PRIMARY KEY NOT NULL,
	"incident_id" integer NOT NULL,
	"field" text NOT NULL,
	"suggested" text,
	"chosen" text,
	"reason" text,
	"actor_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "opinion_counters" (
	"year" integer PRIMARY KEY NOT NULL,
	"last" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "opinion_deadlines" (
	"id" serial PRIMARY KEY NOT NULL,
	"incident_id" integer NOT NULL,
	"kind" text NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"basis" text NOT NULL,
	"met_at" timestamp with time zone,
	"met_by_response_id" integer,
	"breached_at" timestamp with time zone,
	"escalated_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "opinion_duty_contacts" (
	"id" serial PRIMARY KEY NOT NULL,
	"org_id" integer NOT NULL,
	"name" text NOT NULL,
	"position" text NOT NULL,
	"phone_enc" text NOT NULL,
	"email" text,
	"hours" text DEFAULT '全天24小时' NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "opinion_events" (
	"id" serial PRIMARY KEY NOT NULL,
	"incident_id" integer NOT NULL,
	"type" text NOT NULL,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_id" integer,
	"actor_name" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "opinion_findings" (
	"id" serial PRIMARY KEY NOT NULL,
	"incident_id" integer NOT NULL,
	"org_id" integer NOT NULL,
	"deadline_kind" text NOT NULL,
	"kind" text NOT NULL,
	"reason" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"decided_by" integer,
	"decided_at" timestamp with time zone,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "opinion_incidents" (
	"id" serial PRIMARY KEY NOT NULL,
	"no" text NOT NULL,
	"title" text NOT NULL,
	"summary" text,
	"status" text DEFAULT 'candidate' NOT NULL,
	"origin" text DEFAULT 'auto' NOT NULL,
	"grade" text,
	"suggested_grade" text,
	"category" text,
	"suggested_category" text,
	"risk_score" integer DEFAULT 0 NOT NULL,
	"risk_explanation" jsonb,
	"keywords" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"lead_org_id" integer,
	"co_org_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"suggested_org_id" integer,
	"first_item_at" timestamp with time zone,
	"last_item_at" timestamp with time zone,
	"item_count" integer DEFAULT 0 NOT NULL,
	"repost_count" integer DEFAULT 0 NOT NULL,
	"confirmed_at" timestamp with time zone,
	"confirmed_by" integer,
	"higher_deadline" timestamp with time zone,
	"dismiss_reason" text,
	"merged_into_id" integer,
	"record_id" integer,
	"rumour" boolean DEFAULT false NOT NULL,
	"closed_at" timestamp with time zone,
	"evaluation" jsonb,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "opinion_item_bands" (
	"band" smallint NOT NULL,
	"value" integer NOT NULL,
	"item_id" integer NOT NULL,
	CONSTRAINT "opinion_item_bands_band_value_item_id_pk" PRIMARY KEY("band","value","item_id")
);
--> statement-breakpoint
CREATE TABLE "opinion_items" (
	"id" serial PRIMARY KEY NOT NULL,
	"source_id" integer NOT NULL,
	"external_id" text NOT NULL,
	"title" text NOT NULL,
	"text" text NOT NULL,
	"url" text,
	"author_enc" text,
	"contact_enc" text,
	"published_at" timestamp with time zone NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"media_type" text NOT NULL,
	"norm_text" text NOT NULL,
	"content_hash" text NOT NULL,
	"simhash" bigint,
	"duplicate_of_id" integer,
	"duplicate_kind" text,
	"repost_count" integer DEFAULT 0 NOT NULL,
	"incident_id" integer,
	"keywords" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"places" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"org_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"analysis" jsonb,
	"plan_ids" jsonb DEFAULT '[]'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "opinion_lexicon_terms" (
	"id" serial PRIMARY KEY NOT NULL,
	"lexicon" text NOT NULL,
	"term" text NOT NULL,
	"weight" real DEFAULT 1 NOT NULL,
	"data" jsonb,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "opinion_plans" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"include_groups" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"exclude_words" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"media_types" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"org_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"notify_user_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "opinion_referrals" (
	"id" serial PRIMARY KEY NOT NULL,
	"incident_id" integer NOT NULL,
	"agency" text NOT NULL,
	"note" text NOT NULL,
	"referred_at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_id" integer,
	"actor_name" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "opinion_responses" (
	"id" serial PRIMARY KEY NOT NULL,
	"incident_id" integer NOT NULL,
	"org_id" integer NOT NULL,
	"channel" text NOT NULL,
	"title" text NOT NULL,
	"text" text NOT NULL,
	"url" text,
	"responded_at" timestamp with time zone,
	"status" text DEFAULT 'draft' NOT NULL,
	"review_instance_id" integer,
	"published_at" timestamp with time zone,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "opinion_routing_rules" (
	"id" serial PRIMARY KEY NOT NULL,
	"term" text NOT NULL,
	"org_id" integer NOT NULL,
	"priority" integer DEFAULT 0 NOT NULL,
	"vertical" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "opinion_sources" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"media_type" text DEFAULT 'news' NOT NULL,
	"url" text,
	"weight" real DEFAULT 1 NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"poll_minutes" integer DEFAULT 30 NOT NULL,
	"etag" text,
	"last_modified" text,
	"last_polled_at" timestamp with time zone,
	"last_success_at" timestamp with time zone,
	"last_error_at" timestamp with time zone,
	"last_error" text,
	"consecutive_failures" integer DEFAULT 0 NOT NULL,
	"next_poll_at" timestamp with time zone,
	"items_fetched" integer DEFAULT 0 NOT NULL,
	"import_mapping" jsonb,
	"org_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "opinion_corrections" ADD CONSTRAINT "opinion_corrections_incident_id_opinion_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."opinion_incidents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "opinion_deadlines" ADD CONSTRAINT "opinion_deadlines_incident_id_opinion_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."opinion_incidents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "opinion_duty_contacts" ADD CONSTRAINT "opinion_duty_contacts_org_id_org_units_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "opinion_events" ADD CONSTRAINT "opinion_events_incident_id_opinion_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."opinion_incidents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "opinion_findings" ADD CONSTRAINT "opinion_findings_incident_id_opinion_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."opinion_incidents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "opinion_findings" ADD CONSTRAINT "opinion_findings_org_id_org_units_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "opinion_incidents" ADD CONSTRAINT "opinion_incidents_lead_org_id_org_units_id_fk" FOREIGN KEY ("lead_org_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "opinion_item_bands" ADD CONSTRAINT "opinion_item_bands_item_id_opinion_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."opinion_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "opinion_items" ADD CONSTRAINT "opinion_items_source_id_opinion_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."opinion_sources"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "opinion_referrals" ADD CONSTRAINT "opinion_referrals_incident_id_opinion_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."opinion_incidents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "opinion_responses" ADD CONSTRAINT "opinion_responses_incident_id_opinion_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."opinion_incidents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "opinion_responses" ADD CONSTRAINT "opinion_responses_org_id_org_units_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "opinion_routing_rules" ADD CONSTRAINT "opinion_routing_rules_org_id_org_units_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "opinion_sources" ADD CONSTRAINT "opinion_sources_org_id_org_units_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "opinion_corrections_field_idx" ON "opinion_corrections" USING btree ("field","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "opinion_deadlines_kind_uq" ON "opinion_deadlines" USING btree ("incident_id","kind");--> statement-breakpoint
CREATE INDEX "opinion_deadlines_open_idx" ON "opinion_deadlines" USING btree ("due_at");--> statement-breakpoint
CREATE INDEX "opinion_duty_contacts_org_idx" ON "opinion_duty_contacts" USING btree ("org_id");--> statement-breakpoint
CREATE INDEX "opinion_events_incident_idx" ON "opinion_events" USING btree ("incident_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "opinion_findings_deadline_uq" ON "opinion_findings" USING btree ("incident_id","deadline_kind","org_id");--> statement-breakpoint
CREATE INDEX "opinion_findings_org_idx" ON "opinion_findings" USING btree ("org_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "opinion_incidents_no_uq" ON "opinion_incidents" USING btree ("no");--> statement-breakpoint
CREATE INDEX "opinion_incidents_status_idx" ON "opinion_incidents" USING btree ("status","last_item_at");--> statement-breakpoint
CREATE INDEX "opinion_incidents_lead_idx" ON "opinion_incidents" USING btree ("lead_org_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "opinion_items_source_external_uq" ON "opinion_items" USING btree ("source_id","external_id");--> statement-breakpoint
CREATE INDEX "opinion_items_hash_idx" ON "opinion_items" USING btree ("content_hash");--> statement-breakpoint
CREATE INDEX "opinion_items_incident_idx" ON "opinion_items" USING btree ("incident_id","published_at");--> statement-breakpoint
CREATE INDEX "opinion_items_published_idx" ON "opinion_items" USING btree ("published_at");--> statement-breakpoint
CREATE UNIQUE INDEX "opinion_lexicon_terms_uq" ON "opinion_lexicon_terms" USING btree ("lexicon","term");--> statement-breakpoint
CREATE INDEX "opinion_responses_incident_idx" ON "opinion_responses" USING btree ("incident_id");--> statement-breakpoint
CREATE INDEX "opinion_responses_published_idx" ON "opinion_responses" USING btree ("published_at");--> statement-breakpoint
CREATE UNIQUE INDEX "opinion_routing_rules_uq" ON "opinion_routing_rules" USING btree ("term","org_id");--> statement-breakpoint
CREATE UNIQUE INDEX "opinion_sources_name_uq" ON "opinion_sources" USING btree ("name");