CREATE TABLE "catalog_record_experts" (
	"record_id" integer NOT NULL,
	"expert_id" integer NOT NULL,
	"sort" integer DEFAULT 0 NOT NULL,
	"added_by" integer,
	"added_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "catalog_record_experts_record_id_expert_id_pk" PRIMARY KEY("record_id","expert_id")
);
--> statement-breakpoint
CREATE TABLE "press_event_experts" (
	"event_id" integer NOT NULL,
	"expert_id" integer NOT NULL,
	"sort" integer DEFAULT 0 NOT NULL,
	"added_by" integer,
	"added_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "press_event_experts_event_id_expert_id_pk" PRIMARY KEY("event_id","expert_id")
);
--> statement-breakpoint
ALTER TABLE "catalog_record_experts" ADD CONSTRAINT "catalog_record_experts_record_id_catalog_records_id_fk" FOREIGN KEY ("record_id") REFERENCES "public"."catalog_records"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "catalog_record_experts" ADD CONSTRAINT "catalog_record_experts_expert_id_spokes_experts_id_fk" FOREIGN KEY ("expert_id") REFERENCES "public"."spokes_experts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "press_event_experts" ADD CONSTRAINT "press_event_experts_event_id_press_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."press_events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "press_event_experts" ADD CONSTRAINT "press_event_experts_expert_id_spokes_experts_id_fk" FOREIGN KEY ("expert_id") REFERENCES "public"."spokes_experts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "press_event_experts" ADD CONSTRAINT "press_event_experts_added_by_users_id_fk" FOREIGN KEY ("added_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "catalog_record_experts_expert_idx" ON "catalog_record_experts" USING btree ("expert_id");--> statement-breakpoint
CREATE INDEX "press_event_experts_expert_idx" ON "press_event_experts" USING btree ("expert_id");--> statement-breakpoint
CREATE INDEX "interaction_interviews_press_idx" ON "interaction_interviews" USING btree ("press_event_id");