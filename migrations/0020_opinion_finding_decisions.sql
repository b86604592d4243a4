ALTER TABLE "opinion_findings" ADD COLUMN "without_lead" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "opinion_findings" ADD COLUMN "decided_kind" text;--> statement-breakpoint
ALTER TABLE "opinion_findings" ADD COLUMN "raised_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "opinion_findings_decided_idx" ON "opinion_findings" USING btree ("status","decided_at");