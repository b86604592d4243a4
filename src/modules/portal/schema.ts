import { pgTable, serial, integer, text, timestamp, jsonb, index } from 'drizzle-orm/pg-core';

/** News and notices on the portal home page (要闻动态, 通知公告); disclosure records live in the catalogue. */
export const portalArticles = pgTable('portal_articles', {
  id: serial('id').primaryKey(),
  /** news | notice */
  channel: text('channel').notNull(),
  title: text('title').notNull(),
  body: text('body').notNull(),
  orgId: integer('org_id').notNull(),
  publishedAt: timestamp('published_at', { withTimezone: true }).notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index('portal_articles_channel_idx').on(t.channel, t.publishedAt)]);

/** Site-wide settings edited by administrators (key → JSON). */
export const settings = pgTable('settings', {
  key: text('key').primaryKey(),
  value: jsonb('value').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
