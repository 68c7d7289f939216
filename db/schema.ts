/**
 * The database schema: the source of truth for drizzle-kit migrations.
 * Answers and register rows are stored by the methodology's stable item ids,
 * with a version number each, so that stale saves can be refused.
 */
import { sql } from "drizzle-orm";
import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

const timestamps = {
  createdAt: text("created_at").notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`),
  updatedAt: text("updated_at").notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`),
};

export const projects = sqliteTable("projects", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  name: text("name").notNull(),
  clientOrganisation: text("client_organisation").notNull(),
  /** The language the project's deliverables are written in: 'fa' or 'en'. */
  deliverableLanguage: text("deliverable_language", { enum: ["fa", "en"] }).notNull(),
  /** ISO date (Gregorian, yyyy-mm-dd); shown in the Jalali calendar in Persian. */
  startDate: text("start_date").notNull(),
  description: text("description").notNull().default(""),
  /** The methodology pack the project was started with, pinned for its whole life. */
  packId: text("pack_id").notNull(),
  packVersion: text("pack_version").notNull(),
  isDemo: integer("is_demo", { mode: "boolean" }).notNull().default(false),
  ...timestamps,
});

export const answers = sqliteTable(
  "answers",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    projectId: integer("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    itemId: text("item_id").notNull(),
    /** JSON of the value, shaped by the item's kind (validated before writing). */
    value: text("value", { mode: "json" }).notNull(),
    version: integer("version").notNull().default(1),
    updatedBy: text("updated_by"),
    ...timestamps,
  },
  (t) => [uniqueIndex("answers_project_item").on(t.projectId, t.itemId)],
);

export const registerRows = sqliteTable(
  "register_rows",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    projectId: integer("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    itemId: text("item_id").notNull(),
    position: integer("position").notNull(),
    /** JSON object of cell values keyed by column id. */
    cells: text("cells", { mode: "json" }).notNull(),
    version: integer("version").notNull().default(1),
    updatedBy: text("updated_by"),
    ...timestamps,
  },
  (t) => [index("register_rows_project_item").on(t.projectId, t.itemId, t.position)],
);

export type ProjectRow = typeof projects.$inferSelect;
export type AnswerRow = typeof answers.$inferSelect;
export type RegisterRowRecord = typeof registerRows.$inferSelect;
