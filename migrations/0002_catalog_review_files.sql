CREATE TABLE "catalog_attachments" (
	"id" serial PRIMARY KEY NOT NULL,
	"record_id" integer NOT NULL,
	"file_id" integer NOT NULL,
	"name" text NOT NULL,
	"text_public" text,
	"sort" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "catalog_coordinations" (
	"id" serial PRIMARY KEY NOT NULL,
	"record_id" integer NOT NULL,
	"org_id" integer NOT NULL,
	"question" text NOT NULL,
	"sent_on" date NOT NULL,
	"reply_due_on" date NOT NULL,
	"reply_stance" text,
	"reply_text" text,
	"replied_by" integer,
	"replied_at" timestamp with time zone,
	"decision" text,
	"decided_by" integer,
	"decided_at" timestamp with time zone,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "catalog_findings" (
	"id" serial PRIMARY KEY NOT NULL,
	"record_id" integer NOT NULL,
	"source" text NOT NULL,
	"attachment_id" integer,
	"kind" text NOT NULL,
	"excerpt" text NOT NULL,
	"start" integer NOT NULL,
	"end" integer NOT NULL,
	"resolution" text,
	"reason" text,
	"resolved_by" integer,
	"resolved_at" timestamp with time zone,
	"scanned_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "catalog_index_counters" (
	"org_id" integer NOT NULL,
	"year" integer NOT NULL,
	"last_seq" integer NOT NULL,
	CONSTRAINT "catalog_index_counters_org_id_year_pk" PRIMARY KEY("org_id","year")
);
--> statement-breakpoint
CREATE TABLE "catalog_org_settings" (
	"org_id" integer PRIMARY KEY NOT NULL,
	"index_format" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "catalog_records" (
	"id" serial PRIMARY KEY NOT NULL,
	"org_id" integer NOT NULL,
	"index_no" text NOT NULL,
	"index_year" integer NOT NULL,
	"index_seq" integer NOT NULL,
	"title" text NOT NULL,
	"doc_no" text,
	"doc_no_agency" text,
	"doc_no_year" integer,
	"doc_no_seq" integer,
	"generated_on" date NOT NULL,
	"disclosure" text DEFAULT 'active' NOT NULL,
	"withheld_ground" text,
	"withheld_reason" text,
	"term" text DEFAULT 'long' NOT NULL,
	"term_end" date,
	"description" text,
	"keywords" text NOT NULL,
	"responsible_dept" text,
	"publisher" text NOT NULL,
	"category" text NOT NULL,
	"art20_item" integer,
	"doc_type" text DEFAULT 'other' NOT NULL,
	"important_policy" boolean DEFAULT false NOT NULL,
	"validity" text DEFAULT 'valid' NOT NULL,
	"effective_on" date,
	"repealed_on" date,
	"expired_on" date,
	"body" text DEFAULT '' NOT NULL,
	"body_public" text,
	"title_public" text,
	"status" text DEFAULT 'draft' NOT NULL,
	"time_limit" text DEFAULT 'art26' NOT NULL,
	"due_on" date,
	"due_at" timestamp with time zone,
	"due_provisional" boolean DEFAULT false NOT NULL,
	"published_at" timestamp with time zone,
	"withdrawn_at" timestamp with time zone,
	"withdrawn_reason" text,
	"recheck_on" date,
	"interpretation_plan" jsonb,
	"interprets_record_id" integer,
	"interpretation_form" text,
	"interpretation_link" text,
	"interpretation_due_on" date,
	"review_instance_id" integer,
	"version" integer DEFAULT 1 NOT NULL,
	"search_vector" "tsvector",
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "catalog_secrecy_reviews" (
	"id" serial PRIMARY KEY NOT NULL,
	"record_id" integer NOT NULL,
	"title" text NOT NULL,
	"doc_no_or_summary" text NOT NULL,
	"proposed_disclosure" text NOT NULL,
	"proposed_reason" text,
	"conclusion" text NOT NULL,
	"ground" text,
	"basis" text NOT NULL,
	"reviewer_id" integer,
	"reviewer_name" text NOT NULL,
	"reviewed_on" date NOT NULL,
	"recheck_on" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "review_actions" (
	"id" serial PRIMARY KEY NOT NULL,
	"instance_id" integer NOT NULL,
	"step_index" integer NOT NULL,
	"step_key" text NOT NULL,
	"step_name" text NOT NULL,
	"actor_id" integer,
	"actor_name" text NOT NULL,
	"conclusion" text NOT NULL,
	"opinion" text,
	"acted_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "review_chains" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"subject_type" text NOT NULL,
	"record_kind" text,
	"org_id" integer,
	"steps" jsonb NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "review_instances" (
	"id" serial PRIMARY KEY NOT NULL,
	"subject_type" text NOT NULL,
	"subject_id" integer NOT NULL,
	"subject_org_id" integer NOT NULL,
	"chain_id" integer,
	"steps" jsonb NOT NULL,
	"current_step" integer DEFAULT 0 NOT NULL,
	"status" text NOT NULL,
	"started_by" integer,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "files" (
	"id" serial PRIMARY KEY NOT NULL,
	"sm3" text NOT NULL,
	"size" integer NOT NULL,
	"kind" text NOT NULL,
	"mime" text NOT NULL,
	"data" "bytea" NOT NULL,
	"text" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "catalog_attachments" ADD CONSTRAINT "catalog_attachments_record_id_catalog_records_id_fk" FOREIGN KEY ("record_id") REFERENCES "public"."catalog_records"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "catalog_attachments" ADD CONSTRAINT "catalog_attachments_file_id_files_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "catalog_coordinations" ADD CONSTRAINT "catalog_coordinations_record_id_catalog_records_id_fk" FOREIGN KEY ("record_id") REFERENCES "public"."catalog_records"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "catalog_coordinations" ADD CONSTRAINT "catalog_coordinations_org_id_org_units_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "catalog_findings" ADD CONSTRAINT "catalog_findings_record_id_catalog_records_id_fk" FOREIGN KEY ("record_id") REFERENCES "public"."catalog_records"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "catalog_records" ADD CONSTRAINT "catalog_records_org_id_org_units_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "catalog_secrecy_reviews" ADD CONSTRAINT "catalog_secrecy_reviews_record_id_catalog_records_id_fk" FOREIGN KEY ("record_id") REFERENCES "public"."catalog_records"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_actions" ADD CONSTRAINT "review_actions_instance_id_review_instances_id_fk" FOREIGN KEY ("instance_id") REFERENCES "public"."review_instances"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "catalog_attachments_record_idx" ON "catalog_attachments" USING btree ("record_id");--> statement-breakpoint
CREATE INDEX "catalog_coordinations_record_idx" ON "catalog_coordinations" USING btree ("record_id");--> statement-breakpoint
CREATE INDEX "catalog_coordinations_org_idx" ON "catalog_coordinations" USING btree ("org_id");--> statement-breakpoint
CREATE INDEX "catalog_findings_record_idx" ON "catalog_findings" USING btree ("record_id");--> statement-breakpoint
CREATE UNIQUE INDEX "catalog_records_index_no_uq" ON "catalog_records" USING btree ("index_no");--> statement-breakpoint
CREATE UNIQUE INDEX "catalog_records_org_year_seq_uq" ON "catalog_records" USING btree ("org_id","index_year","index_seq");--> statement-breakpoint
CREATE INDEX "catalog_records_status_idx" ON "catalog_records" USING btree ("status","published_at");--> statement-breakpoint
CREATE INDEX "catalog_records_org_idx" ON "catalog_records" USING btree ("org_id","status");--> statement-breakpoint
CREATE INDEX "catalog_records_doc_no_idx" ON "catalog_records" USING btree ("doc_no");--> statement-breakpoint
CREATE INDEX "catalog_records_due_idx" ON "catalog_records" USING btree ("status","due_on");--> statement-breakpoint
CREATE INDEX "catalog_records_interprets_idx" ON "catalog_records" USING btree ("interprets_record_id");--> statement-breakpoint
CREATE INDEX "catalog_records_search_idx" ON "catalog_records" USING gin ("search_vector");--> statement-breakpoint
CREATE INDEX "catalog_secrecy_reviews_record_idx" ON "catalog_secrecy_reviews" USING btree ("record_id");--> statement-breakpoint
CREATE INDEX "review_actions_instance_idx" ON "review_actions" USING btree ("instance_id");--> statement-breakpoint
CREATE INDEX "review_chains_lookup_idx" ON "review_chains" USING btree ("subject_type","org_id");--> statement-breakpoint
CREATE INDEX "review_instances_subject_idx" ON "review_instances" USING btree ("subject_type","subject_id");--> statement-breakpoint
CREATE INDEX "review_instances_open_idx" ON "review_instances" USING btree ("status","subject_type");--> statement-breakpoint
CREATE UNIQUE INDEX "files_sm3_uq" ON "files" USING btree ("sm3");