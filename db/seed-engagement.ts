/**
 * Writes an engagement — a project, its people, answers, register rows and
 * phase sign-offs — through the same validated domain functions as the UI,
 * so content that no longer fits the pack fails loudly. The demo projects
 * and the deliverable fixtures are all written by it.
 */
import type { Db } from "./client.ts";
import { signoffEvents, type ProjectRole, type UserRow } from "./schema.ts";
import { addRow, saveAnswer } from "#app/domain/answers.server.ts";
import { createProject, getProject, loadProjectData } from "#app/domain/projects.server.ts";
import { findUserByEmail, hashPasswordSync, insertUser } from "#app/domain/auth.server.ts";
import { addMember } from "#app/domain/members.server.ts";
import { SYSTEM_ACTOR, type Actor } from "#app/domain/audit.server.ts";
import { fingerprint, phaseSnapshot } from "#app/domain/signoff.server.ts";
import { findItem } from "#methodology/load.ts";
import type { Pack } from "#methodology/schema.ts";
import { DEMO_PASSWORD } from "./demo-password.ts";

export class SeedError extends Error {}

/** Register cells as a user types them. A `ref` cell is "@<register>#<n>" (its n-th row here) or "@<register>=<text>" (its row whose first column is that text). */
export type Cells = Record<string, string>;

export type EngagementPart = {
  answers: Record<string, unknown>;
  rows: Record<string, Cells[]>;
};

export type Engagement = EngagementPart & {
  project: {
    name: string;
    clientOrganisation: string;
    deliverableLanguage: "fa" | "en";
    /** ISO date. */
    startDate: string;
    description: string;
  };
  /** The people, one account each (demo accounts: DEMO_PASSWORD, local sign-in only). The first project manager writes the content. */
  people: Array<{ email: string; displayName: string; role: ProjectRole }>;
  /** Phases signed, in the method's order: requested by the project manager, approved by `approvedBy` (an email), at `at` (ISO). */
  signOffs?: Array<{ phase: string; approvedBy: string; at: string; comment?: string }>;
};

/** An engagement with more answers and rows added (later parts win for answers; rows are appended). */
export function withParts(base: Engagement, ...parts: EngagementPart[]): Engagement {
  const out: Engagement = { ...base, answers: { ...base.answers }, rows: { ...base.rows } };
  for (const p of parts) {
    Object.assign(out.answers, p.answers);
    for (const [id, rows] of Object.entries(p.rows)) out.rows[id] = [...(out.rows[id] ?? []), ...rows];
  }
  return out;
}

function account(db: Db, u: Engagement["people"][number]): UserRow {
  return findUserByEmail(db, u.email) ?? insertUser(db, { email: u.email, displayName: u.displayName, isDemo: true }, hashPasswordSync(DEMO_PASSWORD));
}

export function seedEngagement(db: Db, pack: Pack, e: Engagement, opts: { isDemo?: boolean } = {}): number {
  const project = createProject(
    db,
    { ...e.project, pack: `${pack.id}@${pack.version}` },
    { isDemo: opts.isDemo ?? true },
  );
  const people = e.people.map((u) => ({ user: account(db, u), role: u.role }));
  for (const { user, role } of people) addMember(db, SYSTEM_ACTOR, project.id, user, role);
  const pm = people.find((p) => p.role === "project-manager")?.user ?? people[0]!.user;
  const by: Actor = { id: pm.id, name: pm.displayName };
  for (const [itemId, raw] of Object.entries(e.answers)) {
    const item = findItem(pack, itemId);
    if (!item || item.kind === "info" || item.kind === "register") throw new SeedError(`'${itemId}' is not a question, task or diagram of the pack`);
    const r = saveAnswer(db, { projectId: project.id, item, baseVersion: 0, raw, by });
    if (r.status !== "saved") throw new SeedError(`the answer to '${itemId}' was refused: ${JSON.stringify(r)}`);
  }
  const created = new Map<string, Array<{ id: number; first: string }>>();
  for (const [itemId, rows] of Object.entries(e.rows)) {
    const item = findItem(pack, itemId);
    if (!item || item.kind !== "register") throw new SeedError(`'${itemId}' is not a register of the pack`);
    const firstCol = item.columns[0]!.id;
    for (const row of rows) {
      const cells = Object.fromEntries(
        Object.entries(row).map(([k, v]) => {
          const byIndex = typeof v === "string" ? v.match(/^@([\w.-]+)#(\d+)$/) : null;
          const byText = typeof v === "string" ? v.match(/^@([\w.-]+)=(.+)$/s) : null;
          if (!byIndex && !byText) return [k, v];
          const list = created.get((byIndex ?? byText)![1]!) ?? [];
          const id = byIndex ? list[Number(byIndex[2]) - 1]?.id : list.find((r) => r.first === byText![2])?.id;
          if (!id) throw new SeedError(`a row of '${itemId}' refers to missing row ${v}`);
          return [k, String(id)];
        }),
      );
      const r = addRow(db, { projectId: project.id, item, raw: cells, by });
      if (r.status !== "saved") throw new SeedError(`a row of '${itemId}' was refused: ${JSON.stringify(r)}`);
      created.set(itemId, [...(created.get(itemId) ?? []), { id: r.rowId!, first: String(row[firstCol] ?? "") }]);
    }
  }
  for (const s of e.signOffs ?? []) signPhaseAt(db, project.id, pack, s.phase, pm, s.approvedBy, s.at, s.comment ?? "");
  return project.id;
}

/** A request by the project manager and an approval of the phase's current content, as the gate records them. */
function signPhaseAt(db: Db, projectId: number, pack: Pack, phaseId: string, pm: UserRow, signerEmail: string, at: string, comment: string): void {
  const phase = pack.phases.find((p) => p.id === phaseId);
  if (!phase) throw new SeedError(`'${phaseId}' is not a phase of the pack`);
  const signer = findUserByEmail(db, signerEmail);
  if (!signer) throw new SeedError(`the signer ${signerEmail} of '${phaseId}' is not one of the engagement's people`);
  if (!getProject(db, projectId)) throw new SeedError(`project ${projectId} is gone`);
  const snapshot = phaseSnapshot(phase, loadProjectData(db, projectId));
  db.insert(signoffEvents).values({ projectId, phaseId, kind: "requested", userId: pm.id, at, signerName: pm.displayName }).run();
  db.insert(signoffEvents).values({ projectId, phaseId, kind: "approved", userId: signer.id, at, fingerprint: fingerprint(snapshot), snapshot, comment, signerName: signer.displayName }).run();
}
