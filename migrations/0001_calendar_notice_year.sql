ALTER TABLE "calendar_days" ADD COLUMN "notice_year" integer;
--> statement-breakpoint
UPDATE "calendar_days" SET "notice_year" = extract(year from "date")::int WHERE "source" = 'import' AND "notice_year" IS NULL;
