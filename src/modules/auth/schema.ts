import { orgUnits } from '../org/schema.ts';
import { pgTable, serial, integer, text, boolean, timestamp, uniqueIndex, index, primaryKey } from 'drizzle-orm/pg-core';

export const users = pgTable('users', {
  id: serial('id').primaryKey(),
  username: text('username').notNull(),
  displayName: text('display_name').notNull(),
  orgId: integer('org_id').notNull().references(() => orgUnits.id),
  email: text('email'),
  phone: text('phone'),
  passwordHash: text('password_hash').notNull(),
  mustChangePassword: boolean('must_change_password').notNull().default(false),
  failedLogins: integer('failed_logins').notNull().default(0),
  lockedUntil: timestamp('locked_until', { withTimezone: true }),
  lastLoginAt: timestamp('last_login_at', { withTimezone: true }),
  passwordChangedAt: timestamp('password_changed_at', { withTimezone: true }).notNull().defaultNow(),
  active: boolean('active').notNull().default(true),
  /** A dedicated account for another system: used only through API tokens, never signs in, no personal-data roles. */
  integration: boolean('integration').notNull().default(false),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [uniqueIndex('users_username_uq').on(t.username)]);

/** A role granted on one organisation, optionally covering its whole subtree. */
export const roleGrants = pgTable('role_grants', {
  id: serial('id').primaryKey(),
  userId: integer('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  role: text('role').notNull(),
  orgId: integer('org_id').notNull().references(() => orgUnits.id),
  includeSubtree: boolean('include_subtree').notNull().default(false),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  uniqueIndex('role_grants_uq').on(t.userId, t.role, t.orgId),
  index('role_grants_user_idx').on(t.userId),
]);

/** Server-side sessions; the cookie carries a random token, the table keeps only its SM3 hash. */
export const sessions = pgTable('sessions', {
  id: text('id').primaryKey(),
  userId: integer('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  ip: text('ip'),
  userAgent: text('user_agent'),
}, (t) => [index('sessions_user_idx').on(t.userId)]);

/** API tokens for integrations, stored hashed; the plain token is shown once. */
export const apiTokens = pgTable('api_tokens', {
  id: serial('id').primaryKey(),
  userId: integer('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  name: text('name').notNull(),
  prefix: text('prefix').notNull(),
  tokenHash: text('token_hash').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
  expiresAt: timestamp('expires_at', { withTimezone: true }),
  revokedAt: timestamp('revoked_at', { withTimezone: true }),
}, (t) => [uniqueIndex('api_tokens_hash_uq').on(t.tokenHash)]);

/**
 * Sign-in failures per (user name, source address) in a window, and per user name across all
 * addresses (source '*'). Keyed by the lower-cased name typed, known or not, so an unknown name
 * behaves exactly like a real one. Rows are locked while an attempt is counted (service.login).
 */
export const loginThrottle = pgTable('login_throttle', {
  username: text('username').notNull(),
  source: text('source').notNull(),
  failures: integer('failures').notNull().default(0),
  windowStart: timestamp('window_start', { withTimezone: true }).notNull().defaultNow(),
  lockedUntil: timestamp('locked_until', { withTimezone: true }),
  /** Last successful sign-in from this address: such an address keeps working during an account-wide lock. */
  lastSuccessAt: timestamp('last_success_at', { withTimezone: true }),
  alertedAt: timestamp('alerted_at', { withTimezone: true }),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [primaryKey({ columns: [t.username, t.source] }), index('login_throttle_updated_idx').on(t.updatedAt)]);
