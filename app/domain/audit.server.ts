/**
 * The append-only audit trail. Entries are written in the same transaction
 * as the change they record, so a change without its entry cannot exist.
 * The table refuses UPDATE and DELETE (triggers in the migration).
 */
import { and, desc, eq, inArray, lt, or, sql, type SQL } from "drizzle-orm";
import { SYSTEM_NAME } from "#app/actors.ts";
import type { Db } from "#db/client.ts";
import { auditLog, type AuditRow } from "#db/schema.ts";
import { announce, topicOf } from "./live.server.ts";

/** Who makes a change: a signed-in user, or the system (demo seeding). */
export type Actor = { id: number | null; name: string };

export const SYSTEM_ACTOR: Actor = { id: null, name: SYSTEM_NAME };

import { AUDIT_CATEGORIES, type AuditAction, type AuditCategory } from "#app/audit-categories.ts";
export { AUDIT_CATEGORIES, type AuditAction, type AuditCategory };

type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

export type AuditEntry = {
  projectId: number | null;
  action: AuditAction;
  phaseId?: string | null;
  itemId?: string | null;
  rowId?: number | null;
  subject?: string | null;
  before?: unknown;
  after?: unknown;
};

export function audit(tx: Tx | Db, actor: Actor, entry: AuditEntry, at = new Date().toISOString()): void {
  tx.insert(auditLog)
    .values({
      projectId: entry.projectId,
      userId: actor.id,
      actorName: actor.name,
      at,
      action: entry.action,
      phaseId: entry.phaseId ?? null,
      itemId: entry.itemId ?? null,
      rowId: entry.rowId ?? null,
      subject: entry.subject ?? null,
      before: entry.before === undefined ? null : entry.before,
      after: entry.after === undefined ? null : entry.after,
    })
    .run();
  // Every change to a project writes its entry here, in the change's own
  // transaction: announcing it here too reaches every open page (decision 037).
  if (entry.projectId !== null) announce(tx, { projectId: entry.projectId, topic: topicOf(entry), by: actor.id });
}

export type HistoryFilter = {
  category?: AuditCategory;
  userId?: number;
  /** Entries about these items, or with this phase id (sign-off events). */
  phase?: { id: string; itemIds: string[] };
  /** Only entries older than this id (paging backwards). */
  before?: number;
  limit?: number;
};

export function projectHistory(db: Db, projectId: number, filter: HistoryFilter = {}): { entries: AuditRow[]; more: boolean } {
  const limit = filter.limit ?? 100;
  const conds: SQL[] = [eq(auditLog.projectId, projectId)];
  if (filter.category) conds.push(inArray(auditLog.action, [...AUDIT_CATEGORIES[filter.category]]));
  if (filter.userId) conds.push(eq(auditLog.userId, filter.userId));
  if (filter.phase) {
    const byPhase = eq(auditLog.phaseId, filter.phase.id);
    conds.push(filter.phase.itemIds.length ? or(byPhase, inArray(auditLog.itemId, filter.phase.itemIds))! : byPhase);
  }
  return newestFirst(db, conds, filter.before, limit);
}

/** A page of the log's entries that meet `conds`, newest first, older than `before`; `more` when older ones remain. */
function newestFirst(db: Db, conds: SQL[], before: number | undefined, limit: number): { entries: AuditRow[]; more: boolean } {
  const where = before ? [...conds, lt(auditLog.id, before)] : conds;
  const rows = db
    .select()
    .from(auditLog)
    .where(and(...where))
    .orderBy(desc(auditLog.id))
    .limit(limit + 1)
    .all();
  return { entries: rows.slice(0, limit), more: rows.length > limit };
}

/** The people who appear in a project's trail (for the history filter). */
export function historyActors(db: Db, projectId: number): Array<{ userId: number; name: string }> {
  return db
    .select({ userId: auditLog.userId, name: sql<string>`max(${auditLog.actorName})` })
    .from(auditLog)
    .where(and(eq(auditLog.projectId, projectId), sql`${auditLog.userId} is not null`))
    .groupBy(auditLog.userId)
    .all()
    .map((r) => ({ userId: r.userId!, name: r.name }));
}

/** Who changed an item last, and when; `importedFrom` when that change came with an imported file (decision 015). */
export type LastChange = { name: string; at: string; importedFrom: string | null };

const changesOf = new WeakMap<object, Map<string, Map<string, LastChange>>>();

/**
 * "Last changed by … at …" for each item of a list, whichever of its rows
 * the change touched — what the pages show: the latest entry per item.
 *
 * `data`, the project's data as loadProjectData returned it, lets the answer
 * be kept with it: that object is replaced whenever the audit trail grows,
 * which is exactly when this answer can change.
 */
export function lastItemChanges(db: Db, projectId: number, itemIds: string[], data?: object): Map<string, LastChange> {
  if (!data) return readLastItemChanges(db, projectId, itemIds);
  const key = itemIds.join("\n");
  let byList = changesOf.get(data);
  if (!byList) changesOf.set(data, (byList = new Map()));
  let hit = byList.get(key);
  if (!hit) byList.set(key, (hit = readLastItemChanges(db, projectId, itemIds)));
  return hit;
}

function readLastItemChanges(db: Db, projectId: number, itemIds: string[]): Map<string, LastChange> {
  const out = new Map<string, LastChange>();
  if (itemIds.length === 0) return out;
  const rows = db
    .select({ itemId: auditLog.itemId, name: auditLog.actorName, at: auditLog.at, importedFrom: auditLog.importedFrom })
    .from(auditLog)
    .where(
      inArray(
        auditLog.id,
        db
          .select({ id: sql<number>`max(${auditLog.id})` })
          .from(auditLog)
          .where(and(eq(auditLog.projectId, projectId), inArray(auditLog.itemId, itemIds)))
          .groupBy(auditLog.itemId),
      ),
    )
    .all();
  for (const r of rows) out.set(r.itemId!, { name: r.name, at: r.at, importedFrom: r.importedFrom });
  return out;
}

/**
 * The installation's own log (entries with no project): sign-ins, failed
 * sign-ins, set-up and what administrators did — newest first, a page at a time.
 */
export function installationLog(db: Db, filter: { before?: number; limit?: number } = {}): { entries: AuditRow[]; more: boolean } {
  const limit = filter.limit ?? 50;
  return newestFirst(db, [sql`${auditLog.projectId} is null`], filter.before, limit);
}
