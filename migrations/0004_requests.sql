CREATE TABLE "request_cases" (
	"id" serial PRIMARY KEY NOT NULL,
	"tracking_no" text NOT NULL,
	"tracking_year" integer NOT NULL,
	"tracking_seq" integer NOT NULL,
	"query_code_hash" text NOT NULL,
	"kind" text DEFAULT 'disclosure' NOT NULL,
	"org_id" integer NOT NULL,
	"channel" text NOT NULL,
	"status" text NOT NULL,
	"rule_set" text NOT NULL,
	"applicant_type" text NOT NULL,
	"applicant_name_enc" text NOT NULL,
	"contact_name_enc" text,
	"id_type" text NOT NULL,
	"id_number_enc" text NOT NULL,
	"id_number_bidx" text NOT NULL,
	"phone_enc" text,
	"email_enc" text,
	"address_enc" text,
	"postcode" text,
	"info_description" text NOT NULL,
	"info_doc_no" text,
	"info_features" text,
	"correction_detail" text,
	"forms" jsonb NOT NULL,
	"delivery" text NOT NULL,
	"fee_waiver_reason" text,
	"submitted_at" timestamp with time zone DEFAULT now() NOT NULL,
	"received_on" date,
	"receipt_basis" text,
	"statutory_due_on" date,
	"internal_due_on" date,
	"due_provisional" boolean DEFAULT false NOT NULL,
	"clock_stopped" boolean DEFAULT false NOT NULL,
	"ledger" jsonb,
	"handler_id" integer,
	"outcome" text,
	"answer_kind" text,
	"outcome_detail" jsonb,
	"reply_review_instance_id" integer,
	"replied_on" date,
	"closed_at" timestamp with time zone,
	"duplicate_of_id" integer,
	"created_by" integer,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "request_counters" (
	"org_id" integer NOT NULL,
	"year" integer NOT NULL,
	"last_seq" integer NOT NULL,
	CONSTRAINT "request_counters_org_id_year_pk" PRIMARY KEY("org_id","year")
);
--> statement-breakpoint
CREATE TABLE "request_digests" (
	"user_id" integer NOT NULL,
	"day" date NOT NULL,
	"items" integer NOT NULL,
	"message_id" text,
	"sent_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "request_digests_user_id_day_pk" PRIMARY KEY("user_id","day")
);
--> statement-breakpoint
CREATE TABLE "request_documents" (
	"id" serial PRIMARY KEY NOT NULL,
	"case_id" integer NOT NULL,
	"file_id" integer NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"visible_to_applicant" boolean DEFAULT false NOT NULL,
	"delivered_via" text,
	"delivered_on" date,
	"delivery_note" text,
	"template_id" integer,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "request_due_changes" (
	"id" serial PRIMARY KEY NOT NULL,
	"case_id" integer NOT NULL,
	"from_due" date,
	"to_due" date,
	"reason" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "request_events" (
	"id" serial PRIMARY KEY NOT NULL,
	"case_id" integer NOT NULL,
	"type" text NOT NULL,
	"occurred_on" date NOT NULL,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"public_note" text,
	"note" text,
	"actor_id" integer,
	"actor_name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "request_org_settings" (
	"org_id" integer PRIMARY KEY NOT NULL,
	"tracking_format" text,
	"rule_set" text,
	"internal_lead_days" integer,
	"remind_days" integer,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "request_reminders" (
	"id" serial PRIMARY KEY NOT NULL,
	"user_id" integer NOT NULL,
	"case_id" integer NOT NULL,
	"kind" text NOT NULL,
	"due_on" date NOT NULL,
	"digest_on" date NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "request_templates" (
	"id" serial PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"org_id" integer,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"updated_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "request_cases" ADD CONSTRAINT "request_cases_org_id_org_units_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "request_documents" ADD CONSTRAINT "request_documents_case_id_request_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."request_cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "request_documents" ADD CONSTRAINT "request_documents_file_id_files_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "request_due_changes" ADD CONSTRAINT "request_due_changes_case_id_request_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."request_cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "request_events" ADD CONSTRAINT "request_events_case_id_request_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."request_cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "request_reminders" ADD CONSTRAINT "request_reminders_case_id_request_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."request_cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "request_cases_tracking_no_uq" ON "request_cases" USING btree ("tracking_no");--> statement-breakpoint
CREATE UNIQUE INDEX "request_cases_org_year_seq_uq" ON "request_cases" USING btree ("org_id","tracking_year","tracking_seq");--> statement-breakpoint
CREATE INDEX "request_cases_status_due_idx" ON "request_cases" USING btree ("status","statutory_due_on");--> statement-breakpoint
CREATE INDEX "request_cases_org_status_idx" ON "request_cases" USING btree ("org_id","status");--> statement-breakpoint
CREATE INDEX "request_cases_handler_idx" ON "request_cases" USING btree ("handler_id","status");--> statement-breakpoint
CREATE INDEX "request_cases_id_bidx_idx" ON "request_cases" USING btree ("id_number_bidx");--> statement-breakpoint
CREATE INDEX "request_cases_received_idx" ON "request_cases" USING btree ("received_on");--> statement-breakpoint
CREATE INDEX "request_documents_case_idx" ON "request_documents" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "request_due_changes_case_idx" ON "request_due_changes" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "request_events_case_idx" ON "request_events" USING btree ("case_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "request_reminders_uq" ON "request_reminders" USING btree ("user_id","case_id","kind","due_on");--> statement-breakpoint
CREATE INDEX "request_reminders_digest_idx" ON "request_reminders" USING btree ("user_id","digest_on");--> statement-breakpoint
CREATE INDEX "request_templates_kind_idx" ON "request_templates" USING btree ("kind","org_id");