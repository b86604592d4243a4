import { sql } from 'drizzle-orm';
import { pgTable, serial, integer, text, timestamp, customType, uniqueIndex, boolean, check } from 'drizzle-orm/pg-core';

const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => 'bytea' });

/**
 * Stored files. Public files (catalogue attachments, originals) are deduplicated by the SM3 of their
 * bytes and keep their extracted text. Personal files (a case's notices and the applicant's uploads)
 * are sealed: SM4 under a per-file data key wrapped by the field key (sealed.ts), no SM3, no text,
 * never shared between rows.
 */
export const files = pgTable('files', {
  id: serial('id').primaryKey(),
  /** SM3 of the bytes (the dedupe key); null for personal files, whose hash would confirm a guessed content. */
  sm3: text('sm3'),
  /** Size of the plain bytes. */
  size: integer('size').notNull(),
  /** Detected from the content, not the name: docx | pdf | html | txt | xlsx | csv | png | jpeg … */
  kind: text('kind').notNull(),
  mime: text('mime').notNull(),
  /** The bytes; for personal files IV ‖ SM4-CBC ciphertext ‖ HMAC-SM3 tag. */
  data: bytea('data').notNull(),
  /** Extracted plain text (for search and the privacy scan); null when the type has none, and always for personal files. */
  text: text('text'),
  /** Personal data (a case's notices, the applicant's uploads): stored sealed. */
  personal: boolean('personal').notNull().default(false),
  /** The file's data key, wrapped by the field cipher; null only while a legacy personal file awaits sealing at start-up. */
  keyEnc: text('key_enc'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  uniqueIndex('files_sm3_uq').on(t.sm3),
  check('files_personal_sealed', sql`not ${t.personal} or (${t.sm3} is null and ${t.text} is null)`),
  check('files_key_only_personal', sql`${t.keyEnc} is null or ${t.personal}`),
]);
