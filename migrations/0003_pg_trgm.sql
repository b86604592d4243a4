CREATE EXTENSION IF NOT EXISTS pg_trgm;
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "catalog_records_title_trgm_idx" ON "catalog_records" USING gin ("title" gin_trgm_ops);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "catalog_records_doc_no_trgm_idx" ON "catalog_records" USING gin ("doc_no" gin_trgm_ops);
