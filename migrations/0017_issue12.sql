CREATE TABLE "interaction_drafts" (
	"id" serial PRIMARY KEY NOT NULL,
	"org_id" integer NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"how_to_comment" text DEFAULT '' NOT NULL,
	"start_date" date NOT NULL,
	"end_date" date NOT NULL,
	"show_comments" boolean DEFAULT true NOT NULL,
	"status" text DEFAULT 'editing' NOT NULL,
	"attachment_file_id" integer,
	"attachment_name" text,
	"return_reason" text,
	"summary" text,
	"summary_published_at" timestamp with time zone,
	"published_at" timestamp with time zone,
	"published_by" integer,
	"submitted_by" integer,
	"withdrawn_at" timestamp with time zone,
	"withdrawn_by" integer,
	"withdraw_reason" text,
	"created_by" integer,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "interaction_interviews" (
	"id" serial PRIMARY KEY NOT NULL,
	"org_id" integer NOT NULL,
	"title" text NOT NULL,
	"guests" text NOT NULL,
	"preview" text NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"status" text DEFAULT 'editing' NOT NULL,
	"transcript" text,
	"transcript_published_at" timestamp with time zone,
	"announced_at" timestamp with time zone,
	"announced_by" integer,
	"withdrawn_at" timestamp with time zone,
	"withdrawn_by" integer,
	"withdraw_reason" text,
	"press_event_id" integer,
	"created_by" integer,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "interaction_submissions" (
	"id" serial PRIMARY KEY NOT NULL,
	"subject_kind" text NOT NULL,
	"subject_id" integer NOT NULL,
	"name_enc" text,
	"contact_enc" text,
	"text" text NOT NULL,
	"text_key" text NOT NULL,
	"address_key" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"reject_reason" text,
	"moderated_by" integer,
	"moderated_at" timestamp with time zone,
	"answer" text,
	"answered_by" integer,
	"answered_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
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
CREATE TABLE "spokes_confirmations" (
	"round_id" integer NOT NULL,
	"org_id" integer NOT NULL,
	"confirmed_on" date NOT NULL,
	"confirmed_by" integer,
	CONSTRAINT "spokes_confirmations_round_id_org_id_pk" PRIMARY KEY("round_id","org_id")
);
--> statement-breakpoint
CREATE TABLE "spokes_evaluations" (
	"id" serial PRIMARY KEY NOT NULL,
	"person_id" integer NOT NULL,
	"org_id" integer NOT NULL,
	"year" integer NOT NULL,
	"result" text,
	"decided_on" date,
	"notice_text" text,
	"accountability" boolean DEFAULT false NOT NULL,
	"rectify_required" text,
	"rectify_due_on" date,
	"rectify_measures" text,
	"rectified_on" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "spokes_experts" (
	"id" serial PRIMARY KEY NOT NULL,
	"org_id" integer NOT NULL,
	"name" text NOT NULL,
	"field" text NOT NULL,
	"employer" text NOT NULL,
	"title" text NOT NULL,
	"phone_enc" text NOT NULL,
	"email_enc" text,
	"status" text DEFAULT 'active' NOT NULL,
	"filed_on" date,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "spokes_failings" (
	"id" serial PRIMARY KEY NOT NULL,
	"evaluation_id" integer NOT NULL,
	"kind" text NOT NULL,
	"occurred_on" date NOT NULL,
	"description" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "spokes_filings" (
	"id" serial PRIMARY KEY NOT NULL,
	"org_id" integer NOT NULL,
	"role" text NOT NULL,
	"kind" text NOT NULL,
	"data" jsonb NOT NULL,
	"changes" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"submitted_at" timestamp with time zone DEFAULT now() NOT NULL,
	"submitted_by" integer,
	"decided_on" date,
	"decided_by" integer,
	"return_reason" text,
	"person_id" integer
);
--> statement-breakpoint
CREATE TABLE "spokes_media_accounts" (
	"id" serial PRIMARY KEY NOT NULL,
	"org_id" integer NOT NULL,
	"platform" text NOT NULL,
	"account_name" text NOT NULL,
	"responsible" text NOT NULL,
	"url" text,
	"status" text DEFAULT 'operating' NOT NULL,
	"filed_on" date,
	"last_update_on" date,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "spokes_people" (
	"id" serial PRIMARY KEY NOT NULL,
	"org_id" integer NOT NULL,
	"role" text NOT NULL,
	"name" text NOT NULL,
	"position" text NOT NULL,
	"basis" text,
	"office_phone" text NOT NULL,
	"email" text,
	"term_from" date NOT NULL,
	"term_to" date,
	"active" boolean DEFAULT true NOT NULL,
	"filed_on" date NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "spokes_rounds" (
	"id" serial PRIMARY KEY NOT NULL,
	"year" integer NOT NULL,
	"opened_on" date NOT NULL,
	"due_on" date NOT NULL,
	"closed_on" date,
	"opened_by" integer
);
--> statement-breakpoint
CREATE TABLE "survey_questions" (
	"id" serial PRIMARY KEY NOT NULL,
	"survey_id" integer NOT NULL,
	"position" integer NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"hint" text,
	"required" boolean DEFAULT false NOT NULL,
	"options" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"min_choices" integer,
	"max_choices" integer,
	"max_length" integer
);
--> statement-breakpoint
CREATE TABLE "survey_rectifications" (
	"id" serial PRIMARY KEY NOT NULL,
	"survey_id" integer NOT NULL,
	"question_id" integer,
	"response_id" integer,
	"org_id" integer NOT NULL,
	"problem" text NOT NULL,
	"due_on" date NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"close_text" text,
	"closed_at" timestamp with time zone,
	"closed_by" integer,
	"created_by" integer,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "survey_responses" (
	"id" serial PRIMARY KEY NOT NULL,
	"survey_id" integer NOT NULL,
	"answers" jsonb NOT NULL,
	"address_index" text NOT NULL,
	"phone_index" text,
	"phone_enc" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "survey_surveys" (
	"id" serial PRIMARY KEY NOT NULL,
	"org_id" integer NOT NULL,
	"target_org_id" integer,
	"title" text NOT NULL,
	"intro" text DEFAULT '' NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"results_public" boolean DEFAULT false NOT NULL,
	"require_phone" boolean DEFAULT false NOT NULL,
	"per_address_hourly" integer DEFAULT 10 NOT NULL,
	"created_by" integer,
	"published_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "interaction_drafts" ADD CONSTRAINT "interaction_drafts_org_id_org_units_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interaction_interviews" ADD CONSTRAINT "interaction_interviews_org_id_org_units_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "press_answers" ADD CONSTRAINT "press_answers_event_id_press_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."press_events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "press_answers" ADD CONSTRAINT "press_answers_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "press_events" ADD CONSTRAINT "press_events_org_id_org_units_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "press_events" ADD CONSTRAINT "press_events_incident_id_opinion_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."opinion_incidents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "press_events" ADD CONSTRAINT "press_events_release_record_id_catalog_records_id_fk" FOREIGN KEY ("release_record_id") REFERENCES "public"."catalog_records"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "press_events" ADD CONSTRAINT "press_events_transcript_record_id_catalog_records_id_fk" FOREIGN KEY ("transcript_record_id") REFERENCES "public"."catalog_records"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "press_events" ADD CONSTRAINT "press_events_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "spokes_confirmations" ADD CONSTRAINT "spokes_confirmations_round_id_spokes_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."spokes_rounds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "spokes_confirmations" ADD CONSTRAINT "spokes_confirmations_org_id_org_units_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "spokes_evaluations" ADD CONSTRAINT "spokes_evaluations_person_id_spokes_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."spokes_people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "spokes_evaluations" ADD CONSTRAINT "spokes_evaluations_org_id_org_units_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "spokes_experts" ADD CONSTRAINT "spokes_experts_org_id_org_units_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "spokes_failings" ADD CONSTRAINT "spokes_failings_evaluation_id_spokes_evaluations_id_fk" FOREIGN KEY ("evaluation_id") REFERENCES "public"."spokes_evaluations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "spokes_filings" ADD CONSTRAINT "spokes_filings_org_id_org_units_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "spokes_filings" ADD CONSTRAINT "spokes_filings_person_id_spokes_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."spokes_people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "spokes_media_accounts" ADD CONSTRAINT "spokes_media_accounts_org_id_org_units_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "spokes_people" ADD CONSTRAINT "spokes_people_org_id_org_units_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_questions" ADD CONSTRAINT "survey_questions_survey_id_survey_surveys_id_fk" FOREIGN KEY ("survey_id") REFERENCES "public"."survey_surveys"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_rectifications" ADD CONSTRAINT "survey_rectifications_survey_id_survey_surveys_id_fk" FOREIGN KEY ("survey_id") REFERENCES "public"."survey_surveys"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_rectifications" ADD CONSTRAINT "survey_rectifications_question_id_survey_questions_id_fk" FOREIGN KEY ("question_id") REFERENCES "public"."survey_questions"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_rectifications" ADD CONSTRAINT "survey_rectifications_response_id_survey_responses_id_fk" FOREIGN KEY ("response_id") REFERENCES "public"."survey_responses"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_rectifications" ADD CONSTRAINT "survey_rectifications_org_id_org_units_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_rectifications" ADD CONSTRAINT "survey_rectifications_closed_by_users_id_fk" FOREIGN KEY ("closed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_rectifications" ADD CONSTRAINT "survey_rectifications_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_responses" ADD CONSTRAINT "survey_responses_survey_id_survey_surveys_id_fk" FOREIGN KEY ("survey_id") REFERENCES "public"."survey_surveys"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_surveys" ADD CONSTRAINT "survey_surveys_org_id_org_units_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_surveys" ADD CONSTRAINT "survey_surveys_target_org_id_org_units_id_fk" FOREIGN KEY ("target_org_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_surveys" ADD CONSTRAINT "survey_surveys_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "interaction_drafts_status_idx" ON "interaction_drafts" USING btree ("status","end_date");--> statement-breakpoint
CREATE INDEX "interaction_drafts_org_idx" ON "interaction_drafts" USING btree ("org_id");--> statement-breakpoint
CREATE INDEX "interaction_interviews_status_idx" ON "interaction_interviews" USING btree ("status","starts_at");--> statement-breakpoint
CREATE UNIQUE INDEX "interaction_submissions_text_uq" ON "interaction_submissions" USING btree ("subject_kind","subject_id","text_key");--> statement-breakpoint
CREATE INDEX "interaction_submissions_subject_idx" ON "interaction_submissions" USING btree ("subject_kind","subject_id","status");--> statement-breakpoint
CREATE INDEX "interaction_submissions_address_idx" ON "interaction_submissions" USING btree ("address_key","created_at");--> statement-breakpoint
CREATE INDEX "press_answers_event_idx" ON "press_answers" USING btree ("event_id");--> statement-breakpoint
CREATE INDEX "press_events_org_idx" ON "press_events" USING btree ("org_id","planned_at");--> statement-breakpoint
CREATE INDEX "press_events_status_idx" ON "press_events" USING btree ("status","planned_at");--> statement-breakpoint
CREATE INDEX "press_events_incident_idx" ON "press_events" USING btree ("incident_id");--> statement-breakpoint
CREATE UNIQUE INDEX "spokes_evaluations_person_year_uq" ON "spokes_evaluations" USING btree ("person_id","year");--> statement-breakpoint
CREATE INDEX "spokes_experts_org_idx" ON "spokes_experts" USING btree ("org_id");--> statement-breakpoint
CREATE INDEX "spokes_failings_eval_idx" ON "spokes_failings" USING btree ("evaluation_id");--> statement-breakpoint
CREATE UNIQUE INDEX "spokes_filings_pending_uq" ON "spokes_filings" USING btree ("org_id","role") WHERE "spokes_filings"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "spokes_filings_status_idx" ON "spokes_filings" USING btree ("status","submitted_at");--> statement-breakpoint
CREATE INDEX "spokes_media_org_idx" ON "spokes_media_accounts" USING btree ("org_id");--> statement-breakpoint
CREATE UNIQUE INDEX "spokes_people_active_uq" ON "spokes_people" USING btree ("org_id","role") WHERE "spokes_people"."active";--> statement-breakpoint
CREATE UNIQUE INDEX "spokes_rounds_year_uq" ON "spokes_rounds" USING btree ("year");--> statement-breakpoint
CREATE INDEX "survey_questions_survey_idx" ON "survey_questions" USING btree ("survey_id","position");--> statement-breakpoint
CREATE INDEX "survey_rectifications_open_idx" ON "survey_rectifications" USING btree ("status","org_id","due_on");--> statement-breakpoint
CREATE INDEX "survey_responses_address_idx" ON "survey_responses" USING btree ("survey_id","address_index","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "survey_responses_phone_uq" ON "survey_responses" USING btree ("survey_id","phone_index");--> statement-breakpoint
CREATE INDEX "survey_surveys_status_idx" ON "survey_surveys" USING btree ("status","ends_on");