import { type AnyPgColumn, pgTable, serial, integer, text, boolean, timestamp, uniqueIndex, index } from 'drizzle-orm/pg-core';

/** Organisation tree: government → departments, towns, development zones. */
export const orgUnits = pgTable('org_units', {
  id: serial('id').primaryKey(),
  parentId: integer('parent_id').references((): AnyPgColumn => orgUnits.id),
  name: text('name').notNull(),
  shortName: text('short_name'),
  /** government | department | town | zone | office */
  kind: text('kind').notNull(),
  regionCode: text('region_code').notNull(),
  /** 18-char 统一社会信用代码 or 9-char 组织机构代码, normalised (upper case, no hyphen). */
  orgCode: text('org_code').notNull(),
  address: text('address'),
  postcode: text('postcode'),
  phone: text('phone'),
  fax: text('fax'),
  email: text('email'),
  officeHours: text('office_hours'),
  sort: integer('sort').notNull().default(0),
  active: boolean('active').notNull().default(true),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  uniqueIndex('org_units_org_code_uq').on(t.orgCode),
  index('org_units_parent_idx').on(t.parentId),
]);
