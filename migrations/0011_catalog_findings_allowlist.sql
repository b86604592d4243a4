CREATE TABLE "catalog_allowed_numbers" (
	"id" serial PRIMARY KEY NOT NULL,
	"org_id" integer NOT NULL,
	"kind" text NOT NULL,
	"value" text NOT NULL,
	"record_id" integer,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "catalog_findings" ADD COLUMN "value_key" text;--> statement-breakpoint
ALTER TABLE "catalog_allowed_numbers" ADD CONSTRAINT "catalog_allowed_numbers_org_id_org_units_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "catalog_allowed_numbers_uq" ON "catalog_allowed_numbers" USING btree ("org_id","kind","value");