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
ALTER TABLE "interaction_drafts" ADD CONSTRAINT "interaction_drafts_org_id_org_units_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interaction_interviews" ADD CONSTRAINT "interaction_interviews_org_id_org_units_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "interaction_drafts_status_idx" ON "interaction_drafts" USING btree ("status","end_date");--> statement-breakpoint
CREATE INDEX "interaction_drafts_org_idx" ON "interaction_drafts" USING btree ("org_id");--> statement-breakpoint
CREATE INDEX "interaction_interviews_status_idx" ON "interaction_interviews" USING btree ("status","starts_at");--> statement-breakpoint
CREATE UNIQUE INDEX "interaction_submissions_text_uq" ON "interaction_submissions" USING btree ("subject_kind","subject_id","text_key");--> statement-breakpoint
CREATE INDEX "interaction_submissions_subject_idx" ON "interaction_submissions" USING btree ("subject_kind","subject_id","status");--> statement-breakpoint
CREATE INDEX "interaction_submissions_address_idx" ON "interaction_submissions" USING btree ("address_key","created_at");