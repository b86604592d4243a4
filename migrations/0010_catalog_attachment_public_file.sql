ALTER TABLE "catalog_attachments" ADD COLUMN "public_file_id" integer;--> statement-breakpoint
ALTER TABLE "catalog_attachments" ADD COLUMN "title" text;--> statement-breakpoint
ALTER TABLE "catalog_attachments" ADD CONSTRAINT "catalog_attachments_public_file_id_files_id_fk" FOREIGN KEY ("public_file_id") REFERENCES "public"."files"("id") ON DELETE no action ON UPDATE no action;