ALTER TABLE "opinion_incidents" ADD COLUMN "terms" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "opinion_incidents" ADD COLUMN "centroid" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "opinion_incidents" ADD COLUMN "places" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "opinion_incidents" ADD COLUMN "signals" jsonb;--> statement-breakpoint
CREATE INDEX "opinion_incidents_terms_idx" ON "opinion_incidents" USING gin ("terms");