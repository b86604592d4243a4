CREATE TABLE "opinion_import_uploads" (
	"file_id" integer PRIMARY KEY NOT NULL,
	"source_id" integer NOT NULL,
	"user_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "opinion_sources" ADD COLUMN "poll_requested_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "opinion_import_uploads" ADD CONSTRAINT "opinion_import_uploads_file_id_files_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "opinion_import_uploads" ADD CONSTRAINT "opinion_import_uploads_source_id_opinion_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."opinion_sources"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "opinion_import_uploads_created_idx" ON "opinion_import_uploads" USING btree ("created_at");