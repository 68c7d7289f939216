/**
 * Archiving, restoring and deleting a project (issue 20, decision 047).
 *
 * An archived project is kept whole but set aside: hidden from the
 * portfolio (listed under "Archived projects"), shown read-only, restorable
 * by a project manager. Every write to it is refused in one place, the
 * access middleware (`guard.server.ts`), through `ARCHIVED_PERMISSIONS` of
 * `app/access.ts`; nothing here needs to be repeated in the routes.
 *
 * Deleting removes the project and every row that belongs to it: the tables
 * with a foreign key cascade; the live feed and the presence file (no
 * foreign key) are cleared here. The outbox keeps its messages and the audit
 * log, append-only, keeps the project's history; the deletion itself is an
 * installation entry (project id null) with the project's name.
 */
import { and, desc, eq, isNotNull, isNull } from "drizzle-orm";
import type { Db } from "#db/client.ts";
import { writeTransaction } from "#db/client.ts";
import { liveChanges, memberships, projects, workshopSessions } from "#db/schema.ts";
import { audit, type Actor } from "./audit.server.ts";
import { endSession } from "./workshop.server.ts";
import { presenceStore } from "./live.server.ts";
import { stripInvisible } from "./text-hygiene.ts";

export type ArchiveResult = { ok: true } | { ok: false; status: 400 | 404 | 409; error: string; field?: "name" };

const refuse = (status: 400 | 404 | 409, error: string, field?: "name"): ArchiveResult => (field ? { ok: false, status, error, field } : { ok: false, status, error });

/**
 * Archives a project. A workshop still running on it is ended first (as its
 * facilitator would end it), so no participant's phone writes to an archived
 * project.
 */
export function archiveProject(db: Db, projectId: number, by: Actor): ArchiveResult {
  const project = db.select().from(projects).where(eq(projects.id, projectId)).get();
  if (!project) return refuse(404, "errors.projectNotFound");
  if (project.archivedAt) return refuse(409, "archive.errors.alreadyArchived");
  for (const s of db.select({ id: workshopSessions.id }).from(workshopSessions).where(and(eq(workshopSessions.projectId, projectId), isNull(workshopSessions.endedAt))).all()) {
    endSession(db, { sessionId: s.id, by });
  }
  return writeTransaction(db, (tx) => {
    const now = tx.select({ at: projects.archivedAt }).from(projects).where(eq(projects.id, projectId)).get();
    if (now?.at) return refuse(409, "archive.errors.alreadyArchived");
    const at = new Date().toISOString();
    tx.update(projects).set({ archivedAt: at, archivedBy: by.name }).where(eq(projects.id, projectId)).run();
    audit(tx, by, { projectId, action: "project.archive", subject: project.name, after: { archivedAt: at } }, at);
    return { ok: true } as const;
  });
}

/** Restores an archived project: back in the portfolio, writable again. */
export function restoreProject(db: Db, projectId: number, by: Actor): ArchiveResult {
  return writeTransaction(db, (tx) => {
    const project = tx.select().from(projects).where(eq(projects.id, projectId)).get();
    if (!project) return refuse(404, "errors.projectNotFound");
    if (!project.archivedAt) return refuse(409, "archive.errors.notArchived");
    const at = new Date().toISOString();
    tx.update(projects).set({ archivedAt: null, archivedBy: null }).where(eq(projects.id, projectId)).run();
    audit(tx, by, { projectId, action: "project.restore", subject: project.name, before: { archivedAt: project.archivedAt, archivedBy: project.archivedBy } }, at);
    return { ok: true } as const;
  });
}

/** The archived projects a user is a member of, most recently archived first. */
export function archivedProjects(db: Db, userId: number) {
  return db
    .select({ id: projects.id, name: projects.name, clientOrganisation: projects.clientOrganisation, archivedAt: projects.archivedAt, archivedBy: projects.archivedBy, role: memberships.role })
    .from(projects)
    .innerJoin(memberships, and(eq(memberships.projectId, projects.id), eq(memberships.userId, userId)))
    .where(isNotNull(projects.archivedAt))
    .orderBy(desc(projects.archivedAt), desc(projects.id))
    .all();
}

/** The name typed to confirm a deletion, as it is compared: invisible characters and surrounding spaces dropped. */
export function typedName(raw: string): string {
  return stripInvisible(raw).trim();
}

/**
 * Deletes a project for good, once the name typed matches its name exactly
 * (after `typedName`); otherwise nothing is deleted (400 on the name field).
 */
export function deleteProject(db: Db, projectId: number, typed: string, by: Actor): ArchiveResult {
  const result = writeTransaction(db, (tx): ArchiveResult => {
    const project = tx.select().from(projects).where(eq(projects.id, projectId)).get();
    if (!project) return refuse(404, "errors.projectNotFound");
    const name = typedName(typed);
    if (!name) return refuse(400, "validation.required", "name");
    if (name !== project.name.trim()) return refuse(400, "archive.errors.nameMismatch", "name");
    // No foreign key on the live feed (a feed row never blocks a deletion): its rows go by hand.
    tx.delete(liveChanges).where(eq(liveChanges.projectId, projectId)).run();
    tx.delete(projects).where(eq(projects.id, projectId)).run();
    audit(tx, by, { projectId: null, action: "admin.project-delete", subject: project.name, before: { id: project.id, name: project.name, clientOrganisation: project.clientOrganisation, archivedAt: project.archivedAt } });
    return { ok: true };
  });
  // The presence file is a database of its own beside this one (live.server.ts).
  if (result.ok) presenceStore(db).prepare("DELETE FROM presence WHERE project_id = ?").run(projectId);
  return result;
}
