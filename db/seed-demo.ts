/**
 * The demo engagement created on a fresh database: a fictional Persian food
 * manufacturer part-way through the method (team formed with two roles still
 * empty, vision captured, goals ranked, requirements started, later phases
 * untouched). Written through the same validated domain functions as the UI,
 * so a demo answer that no longer fits the pack fails loudly.
 */
import { sql } from "drizzle-orm";
import type { Db } from "./client.ts";
import { projects } from "./schema.ts";
import { addRow, saveAnswer } from "#app/domain/answers.server.ts";
import { createProject } from "#app/domain/projects.server.ts";
import { findUserByEmail, hashPasswordSync, insertUser } from "#app/domain/auth.server.ts";
import { addMember } from "#app/domain/members.server.ts";
import { SYSTEM_ACTOR, type Actor } from "#app/domain/audit.server.ts";
import type { ProjectRole, UserRow } from "./schema.ts";
import { findItem } from "#methodology/load.ts";
import { getPacks } from "#methodology/registry.ts";
import type { Pack } from "#methodology/schema.ts";
import { DEMO_ANSWERS, DEMO_PROJECT, DEMO_ROWS } from "./demo-content.ts";
import { DEMO_PASSWORD } from "./demo-password.ts";

export class DemoSeedError extends Error {}

/**
 * The demo project's people, one per project role. They sign in with
 * DEMO_PASSWORD (documented in the README) from the computer Gambegam runs
 * on only. They are not administrators; the first administrator is created
 * on the set-up page.
 */
export { DEMO_PASSWORD };
export const DEMO_USERS: Array<{ email: string; displayName: string; role: ProjectRole }> = [
  { email: "s.ahmadi@mehregan.example", displayName: "سارا احمدی", role: "project-manager" },
  { email: "l.tehrani@arman.example", displayName: "Leila Tehrani", role: "consultant" },
  { email: "f.karimi@mehregan.example", displayName: "فرهاد کریمی", role: "executive-sponsor" },
  { email: "n.rahimi@mehregan.example", displayName: "نرگس رحیمی", role: "team-member" },
  { email: "h.nazari@mehregan.example", displayName: "حسین نظری", role: "viewer" },
];

function demoUser(db: Db, u: (typeof DEMO_USERS)[number]): UserRow {
  return findUserByEmail(db, u.email) ?? insertUser(db, { email: u.email, displayName: u.displayName, isDemo: true }, hashPasswordSync(DEMO_PASSWORD));
}

export function seedDemoProject(db: Db, pack: Pack = getPacks().get(DEMO_PROJECT.packId, DEMO_PROJECT.packVersion)!): number {
  if (!pack) throw new DemoSeedError(`demo: pack ${DEMO_PROJECT.packId}@${DEMO_PROJECT.packVersion} is not installed`);
  const project = createProject(
    db,
    {
      name: DEMO_PROJECT.name,
      clientOrganisation: DEMO_PROJECT.clientOrganisation,
      deliverableLanguage: "fa",
      startDate: DEMO_PROJECT.startDate,
      pack: `${pack.id}@${pack.version}`,
      description: DEMO_PROJECT.description,
    },
    { isDemo: true },
  );
  const people = DEMO_USERS.map((u) => ({ user: demoUser(db, u), role: u.role }));
  for (const { user, role } of people) addMember(db, SYSTEM_ACTOR, project.id, user, role);
  const pm = people.find((p) => p.role === "project-manager")!.user;
  const by: Actor = { id: pm.id, name: pm.displayName };
  for (const [itemId, raw] of Object.entries(DEMO_ANSWERS)) {
    const item = findItem(pack, itemId);
    if (!item || item.kind === "info" || item.kind === "register") throw new DemoSeedError(`demo: '${itemId}' is not a question, task or diagram of the pack`);
    const r = saveAnswer(db, { projectId: project.id, item, baseVersion: 0, raw, by });
    if (r.status !== "saved") throw new DemoSeedError(`demo: answer to '${itemId}' was refused: ${JSON.stringify(r)}`);
  }
  // Rows are added in order; a `ref` cell written as "@<registerId>#<n>" points at that register's n-th demo row.
  const created = new Map<string, number[]>();
  for (const [itemId, rows] of Object.entries(DEMO_ROWS)) {
    const item = findItem(pack, itemId);
    if (!item || item.kind !== "register") throw new DemoSeedError(`demo: '${itemId}' is not a register of the pack`);
    for (const row of rows) {
      const cells = Object.fromEntries(
        Object.entries(row).map(([k, v]) => {
          const ref = typeof v === "string" ? v.match(/^@([\w.-]+)#(\d+)$/) : null;
          if (!ref) return [k, v];
          const id = created.get(ref[1]!)?.[Number(ref[2]) - 1];
          if (!id) throw new DemoSeedError(`demo: '${itemId}' refers to missing demo row ${v}`);
          return [k, String(id)];
        }),
      );
      const r = addRow(db, { projectId: project.id, item, raw: cells, by });
      if (r.status !== "saved") throw new DemoSeedError(`demo: a row of '${itemId}' was refused: ${JSON.stringify(r)}`);
      created.set(itemId, [...(created.get(itemId) ?? []), r.rowId!]);
    }
  }
  return project.id;
}

/** Creates the demo project only when the database has no project at all. */
export function seedDemoIfEmpty(db: Db): number | null {
  const count = db.select({ n: sql<number>`count(*)` }).from(projects).get()!.n;
  return count === 0 ? seedDemoProject(db) : null;
}
