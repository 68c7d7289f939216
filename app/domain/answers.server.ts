/**
 * Saving answers and register rows. Every write is validated against the
 * schema derived from its methodology item and carries the version it was
 * based on: a save based on a stale version is refused with both values,
 * never applied over someone else's change.
 */
import { and, eq, inArray, max, sql } from "drizzle-orm";
import type { Db } from "#db/client.ts";
import { preparedOnce, writeTransaction } from "#db/client.ts";
import { answers, projects, registerRows } from "#db/schema.ts";
import type { AnswerableItem, RegisterItem } from "#methodology/schema.ts";
import { audit, SYSTEM_ACTOR, type Actor } from "./audit.server.ts";
import { fieldErrors, msg, registerRowSchema, valueSchemaFor, type RegisterCells, type StoredValue } from "#methodology/values.ts";
import { stripInvisibleDeep } from "./text-hygiene.ts";

export type Conflict = {
  /** The value now stored, saved by someone else since the user loaded the page. */
  theirs: unknown;
  theirsVersion: number;
  theirsUpdatedAt: string | null;
  /** What the user tried to save (validated), so nothing typed is lost. */
  yours: unknown;
  /** The row was deleted by someone else. */
  deleted?: boolean;
};

export type SaveResult =
  | { status: "saved"; version: number; value: unknown; updatedAt: string; rowId?: number }
  | { status: "invalid"; errors: Record<string, string> }
  | { status: "conflict"; conflict: Conflict };

const now = () => new Date().toISOString();

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * An answer's value for the (NOT NULL, JSON) column. An emptied number, date
 * or choice is the value null: written as the JSON text `null` (drizzle would
 * write SQL NULL), so the answer keeps its row and its version.
 */
const storedValue = (value: StoredValue) => (value === null ? sql`'null'` : value);
type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

const answerByItem = preparedOnce((db) =>
  db
    .select()
    .from(answers)
    .where(and(eq(answers.projectId, sql.placeholder("projectId")), eq(answers.itemId, sql.placeholder("itemId"))))
    .prepare(),
);

/** The stored answer to one item of a project (a hot single-row lookup; also inside a transaction open on `db`). */
export function getAnswer(db: Db, projectId: number, itemId: string) {
  return answerByItem(db).get({ projectId, itemId });
}

export function saveAnswer(
  db: Db,
  args: { projectId: number; item: Exclude<AnswerableItem, RegisterItem>; baseVersion: number; raw: unknown; by?: Actor },
): SaveResult {
  const parsed = valueSchemaFor(args.item).safeParse(stripInvisibleDeep(args.raw));
  if (!parsed.success) return { status: "invalid", errors: fieldErrors(parsed.error) };
  const value: StoredValue = parsed.data;
  return writeTransaction(db, (tx) => {
    const current = getAnswer(db, args.projectId, args.item.id);
    const currentVersion = current?.version ?? 0;
    if (current && sameJson(current.value, value)) {
      // Nothing changed (e.g. an autosave of what is already stored): no new version.
      return { status: "saved", version: current.version, value: current.value, updatedAt: current.updatedAt };
    }
    if (currentVersion !== args.baseVersion) {
      return {
        status: "conflict",
        conflict: { theirs: current?.value ?? null, theirsVersion: currentVersion, theirsUpdatedAt: current?.updatedAt ?? null, yours: value },
      };
    }
    const stamp = now();
    if (current) {
      tx.update(answers)
        .set({ value: storedValue(value), version: currentVersion + 1, updatedAt: stamp, updatedBy: args.by?.name ?? null })
        .where(eq(answers.id, current.id))
        .run();
    } else {
      tx.insert(answers)
        .values({ projectId: args.projectId, itemId: args.item.id, value: storedValue(value), version: 1, createdAt: stamp, updatedAt: stamp, updatedBy: args.by?.name ?? null })
        .run();
    }
    tx.update(projects).set({ updatedAt: stamp }).where(eq(projects.id, args.projectId)).run();
    audit(tx, args.by ?? SYSTEM_ACTOR, { projectId: args.projectId, action: "answer.save", itemId: args.item.id, before: current?.value ?? null, after: value }, stamp);
    return { status: "saved", version: currentVersion + 1, value, updatedAt: stamp };
  });
}

/** Ref cells must point at rows of the referenced register in the same project. */
function checkRefs(tx: Tx, projectId: number, item: RegisterItem, cells: RegisterCells): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const col of item.columns) {
    if (col.type !== "ref") continue;
    const id = cells[col.id];
    if (id === null || id === undefined) continue;
    const target = tx
      .select({ id: registerRows.id })
      .from(registerRows)
      .where(and(eq(registerRows.id, Number(id)), eq(registerRows.projectId, projectId), eq(registerRows.itemId, col.register)))
      .get();
    if (!target) errors[col.id] = msg("validation.unknownOption");
  }
  return errors;
}

const rowById = preparedOnce((db) =>
  db
    .select()
    .from(registerRows)
    .where(and(eq(registerRows.id, sql.placeholder("rowId")), eq(registerRows.projectId, sql.placeholder("projectId")), eq(registerRows.itemId, sql.placeholder("itemId"))))
    .prepare(),
);

/** A row of this register in this project; rows of other projects are never found (also inside a transaction open on `db`). */
export function getRow(db: Db, projectId: number, itemId: string, rowId: number) {
  return rowById(db).get({ rowId, projectId, itemId });
}

/** `fromSheet`: the spreadsheet the row came from (decision 045), named in its history entry. */
export function addRow(db: Db, args: { projectId: number; item: RegisterItem; raw: unknown; by?: Actor; fromSheet?: string }): SaveResult {
  const parsed = registerRowSchema(args.item).safeParse(stripInvisibleDeep(args.raw));
  if (!parsed.success) return { status: "invalid", errors: fieldErrors(parsed.error) };
  return writeTransaction(db, (tx) => {
    const refErrors = checkRefs(tx, args.projectId, args.item, parsed.data);
    if (Object.keys(refErrors).length) return { status: "invalid", errors: refErrors };
    const count = tx
      .select({ n: sql<number>`count(*)` })
      .from(registerRows)
      .where(and(eq(registerRows.projectId, args.projectId), eq(registerRows.itemId, args.item.id)))
      .get()!.n;
    if (count >= args.item.maxRows) return { status: "invalid", errors: { _row: msg("validation.tooManyRows", { max: args.item.maxRows }) } };
    const last = tx
      .select({ p: max(registerRows.position) })
      .from(registerRows)
      .where(and(eq(registerRows.projectId, args.projectId), eq(registerRows.itemId, args.item.id)))
      .get();
    const stamp = now();
    const row = tx
      .insert(registerRows)
      .values({
        projectId: args.projectId,
        itemId: args.item.id,
        position: (last?.p ?? 0) + 1,
        cells: parsed.data,
        version: 1,
        createdAt: stamp,
        updatedAt: stamp,
        updatedBy: args.by?.name ?? null,
      })
      .returning()
      .get();
    tx.update(projects).set({ updatedAt: stamp }).where(eq(projects.id, args.projectId)).run();
    audit(tx, args.by ?? SYSTEM_ACTOR, { projectId: args.projectId, action: "row.add", itemId: args.item.id, rowId: row.id, subject: args.fromSheet ?? null, before: null, after: row.cells }, stamp);
    return { status: "saved", version: 1, value: row.cells, updatedAt: stamp, rowId: row.id };
  });
}

export function updateRow(
  db: Db,
  args: { projectId: number; item: RegisterItem; rowId: number; baseVersion: number; raw: unknown; by?: Actor; fromSheet?: string },
): SaveResult {
  const parsed = registerRowSchema(args.item).safeParse(stripInvisibleDeep(args.raw));
  if (!parsed.success) return { status: "invalid", errors: fieldErrors(parsed.error) };
  return writeTransaction(db, (tx) => {
    const current = getRow(db, args.projectId, args.item.id, args.rowId);
    if (!current) {
      return { status: "conflict", conflict: { theirs: null, theirsVersion: 0, theirsUpdatedAt: null, yours: parsed.data, deleted: true } };
    }
    if (sameJson(current.cells, parsed.data)) {
      return { status: "saved", version: current.version, value: current.cells, updatedAt: current.updatedAt, rowId: current.id };
    }
    if (current.version !== args.baseVersion) {
      return {
        status: "conflict",
        conflict: { theirs: current.cells, theirsVersion: current.version, theirsUpdatedAt: current.updatedAt, yours: parsed.data },
      };
    }
    const refErrors = checkRefs(tx, args.projectId, args.item, parsed.data);
    if (Object.keys(refErrors).length) return { status: "invalid", errors: refErrors };
    const stamp = now();
    tx.update(registerRows)
      .set({ cells: parsed.data, version: current.version + 1, updatedAt: stamp, updatedBy: args.by?.name ?? null })
      .where(eq(registerRows.id, current.id))
      .run();
    tx.update(projects).set({ updatedAt: stamp }).where(eq(projects.id, args.projectId)).run();
    audit(tx, args.by ?? SYSTEM_ACTOR, { projectId: args.projectId, action: "row.update", itemId: args.item.id, rowId: current.id, subject: args.fromSheet ?? null, before: current.cells, after: parsed.data }, stamp);
    return { status: "saved", version: current.version + 1, value: parsed.data, updatedAt: stamp, rowId: current.id };
  });
}

/** `gone`: already deleted (by someone else); `foreign`: the row belongs to another register or project. */
export type DeleteResult = { status: "deleted" } | { status: "conflict"; conflict: Conflict } | { status: "gone" } | { status: "foreign" };

export function deleteRow(db: Db, args: { projectId: number; item: RegisterItem; rowId: number; baseVersion: number; by?: Actor }): DeleteResult {
  return writeTransaction(db, (tx) => {
    const current = getRow(db, args.projectId, args.item.id, args.rowId);
    if (!current) {
      const elsewhere = tx.select({ id: registerRows.id }).from(registerRows).where(eq(registerRows.id, args.rowId)).get();
      return { status: elsewhere ? "foreign" : "gone" };
    }
    if (current.version !== args.baseVersion) {
      return { status: "conflict", conflict: { theirs: current.cells, theirsVersion: current.version, theirsUpdatedAt: current.updatedAt, yours: null } };
    }
    tx.delete(registerRows).where(eq(registerRows.id, current.id)).run();
    const stamp = now();
    tx.update(projects).set({ updatedAt: stamp }).where(eq(projects.id, args.projectId)).run();
    audit(tx, args.by ?? SYSTEM_ACTOR, { projectId: args.projectId, action: "row.delete", itemId: args.item.id, rowId: current.id, before: current.cells, after: null }, stamp);
    return { status: "deleted" };
  });
}

/** Moves a row one place up or down by swapping positions with its neighbour. */
export function moveRow(db: Db, args: { projectId: number; item: RegisterItem; rowId: number; direction: "up" | "down"; by?: Actor }): boolean {
  return writeTransaction(db, (tx) => {
    const rows = tx
      .select({ id: registerRows.id, position: registerRows.position })
      .from(registerRows)
      .where(and(eq(registerRows.projectId, args.projectId), eq(registerRows.itemId, args.item.id)))
      .orderBy(registerRows.position, registerRows.id)
      .all();
    const i = rows.findIndex((r) => r.id === args.rowId);
    const j = args.direction === "up" ? i - 1 : i + 1;
    if (i < 0 || j < 0 || j >= rows.length) return false;
    const a = rows[i]!, b = rows[j]!;
    // Positions may tie after imports; renumber the pair explicitly.
    const [pa, pb] = a.position === b.position ? (args.direction === "up" ? [b.position - 1, b.position] : [b.position + 1, b.position]) : [b.position, a.position];
    tx.update(registerRows).set({ position: pa }).where(inArray(registerRows.id, [a.id])).run();
    tx.update(registerRows).set({ position: pb }).where(inArray(registerRows.id, [b.id])).run();
    const stamp = now();
    tx.update(projects).set({ updatedAt: stamp }).where(eq(projects.id, args.projectId)).run();
    audit(tx, args.by ?? SYSTEM_ACTOR, { projectId: args.projectId, action: "row.move", itemId: args.item.id, rowId: a.id, before: { place: i + 1 }, after: { place: j + 1 } }, stamp);
    return true;
  });
}
