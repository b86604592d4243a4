ALTER TABLE "files" ALTER COLUMN "sm3" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "files" ADD COLUMN "personal" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "files" ADD COLUMN "key_enc" text;--> statement-breakpoint
ALTER TABLE "files" ADD CONSTRAINT "files_personal_sealed" CHECK (not "files"."personal" or ("files"."sm3" is null and "files"."text" is null));--> statement-breakpoint
ALTER TABLE "files" ADD CONSTRAINT "files_key_only_personal" CHECK ("files"."key_enc" is null or "files"."personal");--> statement-breakpoint
-- Data: every file of a case (request_documents: notices, the applicant's uploads) is personal. A file
-- shared with a catalogue attachment or with an earlier case document (the old SM3 dedupe) is copied
-- first, so each case document has a row of its own. The start-up task (sealPendingFiles) then
-- encrypts the rows marked here (personal, no key yet) with the configured field key.
DO $$
DECLARE r record; nid integer;
BEGIN
  FOR r IN
    SELECT d.id, d.file_id FROM request_documents d
    WHERE EXISTS (SELECT 1 FROM catalog_attachments a WHERE a.file_id = d.file_id)
       OR EXISTS (SELECT 1 FROM request_documents o WHERE o.file_id = d.file_id AND o.id < d.id)
    ORDER BY d.id
  LOOP
    INSERT INTO files (sm3, size, kind, mime, data, text, created_at)
      SELECT NULL, size, kind, mime, data, NULL, created_at FROM files WHERE id = r.file_id
      RETURNING id INTO nid;
    UPDATE request_documents SET file_id = nid WHERE id = r.id;
  END LOOP;
END $$;
--> statement-breakpoint
UPDATE "files" SET "personal" = true, "sm3" = NULL, "text" = NULL WHERE "id" IN (SELECT "file_id" FROM "request_documents");
