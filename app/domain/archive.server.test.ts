import { beforeAll, describe, expect, test } from "vitest";
import { desc, eq, sql } from "drizzle-orm";
import { demoProjectDatabase } from "#tests/setup/demo-project.ts";
import { seedDemoProject } from "#db/seed-demo.ts";
import { auditLog, liveChanges, outbox, projects, workshopSessions } from "#db/schema.ts";
import { findUserByEmail } from "./auth.server.ts";
import { archiveProject, archivedProjects, deleteProject, restoreProject } from "./archive.server.ts";
import { portfolio } from "./portfolio.server.ts";
import { startSession } from "./workshop.server.ts";
import { presenceRows, presenceStore } from "./live.server.ts";

const { db, projectId: kept, pack } = demoProjectDatabase();
const other = seedDemoProject(db, pack);
let pmId: number;
const pm = () => ({ id: pmId, name: "Sara Ahmadi" });
const admin = { id: null, name: "Site Admin" };

beforeAll(() => {
  pmId = findUserByEmail(db, "s.ahmadi@mehregan.example")!.id;
});

const tableCount = (table: string, projectId: number) =>
  (db.$client.prepare(`SELECT count(*) AS n FROM ${table} WHERE project_id = ?`).get(projectId) as { n: number }).n;

describe("archiving a project", () => {
  test("hides it from the portfolio, lists it among the archived, records who and when; restoring brings it back", () => {
    const started = startSession(db, { projectId: other, phaseId: "vision", stepId: "vision-core-questions", by: pm() });
    const result = archiveProject(db, other, pm());
    expect(result).toEqual({ ok: true });
    const row = db.select().from(projects).where(eq(projects.id, other)).get()!;
    expect(row.archivedAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(row.archivedBy).toBe("Sara Ahmadi");
    // A workshop running on it ends: nobody's phone can write to an archived project.
    expect(db.select().from(workshopSessions).where(eq(workshopSessions.id, started.sessionId)).get()!.endedAt).not.toBeNull();
    expect(portfolio(db, pmId, "name", "asc").map((r) => r.summary.project.id)).toEqual([kept]);
    expect(archivedProjects(db, pmId).map((p) => p.id)).toEqual([other]);
    const entry = db.select().from(auditLog).where(eq(auditLog.projectId, other)).orderBy(desc(auditLog.id)).get()!;
    expect([entry.action, entry.actorName, entry.userId]).toEqual(["project.archive", "Sara Ahmadi", pmId]);
    // Archiving twice is refused.
    expect(archiveProject(db, other, pm())).toMatchObject({ ok: false, status: 409 });

    expect(restoreProject(db, other, pm())).toEqual({ ok: true });
    expect(db.select().from(projects).where(eq(projects.id, other)).get()!.archivedAt).toBeNull();
    expect(portfolio(db, pmId, "name", "asc").map((r) => r.summary.project.id).sort()).toEqual([kept, other].sort());
    expect(archivedProjects(db, pmId)).toEqual([]);
    expect(db.select().from(auditLog).where(eq(auditLog.projectId, other)).orderBy(desc(auditLog.id)).get()!.action).toBe("project.restore");
    expect(restoreProject(db, other, pm())).toMatchObject({ ok: false, status: 409 });
  });
});

describe("deleting a project", () => {
  test("refuses a name that does not match, and deletes nothing", () => {
    const before = tableCount("answers", other);
    expect(deleteProject(db, other, "Not its name", admin)).toMatchObject({ ok: false, status: 400, field: "name" });
    expect(deleteProject(db, other, "", admin)).toMatchObject({ ok: false, status: 400, field: "name" });
    expect(deleteProject(db, 999_999, "anything", admin)).toMatchObject({ ok: false, status: 404 });
    expect(tableCount("answers", other)).toBe(before);
    expect(before).toBeGreaterThan(0);
  });

  test("removes every row of the project, keeps the outbox and the audit history, and records the deletion", () => {
    const name = db.select().from(projects).where(eq(projects.id, other)).get()!.name;
    db.insert(outbox).values({ kind: "invitation", projectId: other, toEmail: "x@example.com", language: "en", subject: "s", text: "t", html: "h", status: "not-sent", createdAt: new Date().toISOString() }).run();
    db.insert(liveChanges).values({ projectId: other, topic: "project" }).run();
    presenceStore(db).prepare("INSERT INTO presence (client_id, project_id, user_id, place, seen_at) VALUES ('tab-1', ?, ?, '', ?)").run(other, pmId, new Date().toISOString());
    startSession(db, { projectId: other, phaseId: "vision", stepId: "vision-core-questions", by: pm() });
    const historyBefore = tableCount("audit_log", other);

    // Surrounding spaces are forgiven; the name itself must match.
    expect(deleteProject(db, other, `  ${name} `, admin)).toEqual({ ok: true });

    for (const table of ["answers", "register_rows", "memberships", "signoff_events", "one_time_links", "document_versions", "workshop_sessions", "live_changes", "project_settings", "imported_members", "branding"]) {
      expect(tableCount(table, other), table).toBe(0);
    }
    expect(db.select().from(projects).where(eq(projects.id, other)).get()).toBeUndefined();
    expect(presenceRows(db).filter((p) => p.projectId === other)).toEqual([]);
    expect(db.select({ n: sql<number>`count(*)` }).from(workshopSessions).get()!.n).toBe(0);
    // The outbox keeps what was sent; the history is append-only and keeps every entry.
    expect(tableCount("outbox", other)).toBe(1);
    expect(tableCount("audit_log", other)).toBe(historyBefore);
    const entry = db.select().from(auditLog).orderBy(desc(auditLog.id)).get()!;
    expect([entry.projectId, entry.action, entry.actorName, entry.subject]).toEqual([null, "admin.project-delete", "Site Admin", name]);
    // The other project is untouched.
    expect(tableCount("answers", kept)).toBeGreaterThan(0);
  });
});
