import { pgTable, serial, integer, text, timestamp, customType, uniqueIndex } from 'drizzle-orm/pg-core';

const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => 'bytea' });

/** Stored files (attachments, uploaded originals), deduplicated by the SM3 of their bytes. */
export const files = pgTable('files', {
  id: serial('id').primaryKey(),
  sm3: text('sm3').notNull(),
  size: integer('size').notNull(),
  /** Detected from the content, not the name: docx | pdf | html | txt | xlsx | csv | png | jpeg … */
  kind: text('kind').notNull(),
  mime: text('mime').notNull(),
  data: bytea('data').notNull(),
  /** Extracted plain text (for search and the privacy scan); null when the type has none. */
  text: text('text'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [uniqueIndex('files_sm3_uq').on(t.sm3)]);
