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
CREATE INDEX "survey_questions_survey_idx" ON "survey_questions" USING btree ("survey_id","position");--> statement-breakpoint
CREATE INDEX "survey_rectifications_open_idx" ON "survey_rectifications" USING btree ("status","org_id","due_on");--> statement-breakpoint
CREATE INDEX "survey_responses_address_idx" ON "survey_responses" USING btree ("survey_id","address_index","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "survey_responses_phone_uq" ON "survey_responses" USING btree ("survey_id","phone_index");--> statement-breakpoint
CREATE INDEX "survey_surveys_status_idx" ON "survey_surveys" USING btree ("status","ends_on");