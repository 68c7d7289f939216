/**
 * Phase sign-off: the gate at the end of each phase.
 *
 * The project manager requests sign-off when the phase's required items are
 * complete; the executive sponsor approves or rejects with a comment. An
 * approval keeps a SHA-256 fingerprint of the phase's content and a snapshot
 * of it, so any later change shows as "changed since sign-off" with a diff.
 * A signed phase (and one awaiting sign-off) cannot be edited until the
 * project manager reopens it with a reason.
 */
import crypto from "node:crypto";
import { and, asc, count, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "#db/client.ts";
import { preparedOnce, writeTransaction } from "#db/client.ts";
import { memberships, signoffEvents, users, type SignoffEventKind } from "#db/schema.ts";
import { can, PROJECT_ROLES } from "#app/access.ts";
import type { Pack, Phase } from "#methodology/schema.ts";
import { phaseProgress } from "#methodology/progress.ts";
import { canonical } from "./canonical.ts";
import { stripInvisible } from "./text-hygiene.ts";
import { audit, type Actor } from "./audit.server.ts";
import { listMembers, teamRowInvites } from "./members.server.ts";
import type { ProjectData } from "./projects.server.ts";

// --- content, fingerprint and diff ------------------------------------------

export type SnapshotItem =
  | { id: string; value: unknown }
  | { id: string; rows: Array<{ id: number; cells: Record<string, unknown> }> };
export type PhaseSnapshot = {
  phaseId: string;
  items: SnapshotItem[];
  /**
   * Who was on the project when the phase was signed (approvals from issue 20 on; decision 047): the team register's rows and the
   * members' names, emails and roles. A signed document names these, not today's team. Not part of the fingerprint.
   */
  people?: SignedPeople;
};
export type SignedPeople = { team: Array<Record<string, string | number | null>>; members: Array<{ name: string; email: string; role: string }> };

/** The people a signature keeps: the team register's rows and the members who can act, as they are now. */
export function peopleNow(db: Pick<Db, "select">, projectId: number, pack: Pack, projectData: ProjectData): SignedPeople {
  const team = (pack.team ? (projectData.rows.get(pack.team.register) ?? []) : []).map((r) => ({ ...r.cells }));
  const members = listMembers(db, projectId)
    .filter((m) => !m.disabled)
    .map(({ name, email, role }) => ({ name, email, role }));
  return { team, members };
}


export function phaseSnapshot(phase: Phase, projectData: ProjectData): PhaseSnapshot {
  const items: SnapshotItem[] = [];
  for (const step of phase.steps) {
    for (const item of step.items) {
      if (item.kind === "info") continue;
      if (item.kind === "register") {
        items.push({ id: item.id, rows: (projectData.rows.get(item.id) ?? []).map((r) => ({ id: r.id, cells: r.cells })) });
      } else {
        items.push({ id: item.id, value: projectData.answers.get(item.id)?.value ?? null });
      }
    }
  }
  return { phaseId: phase.id, items };
}

/**
 * SHA-256 of the phase's content: every item's answer, and every register's
 * rows in order (cells only: a row deleted and typed again the same is the
 * same content).
 */
export function fingerprint(snapshot: PhaseSnapshot): string {
  const content = snapshot.items.map((it) => ("rows" in it ? { id: it.id, rows: it.rows.map((r) => r.cells) } : { id: it.id, value: it.value }));
  return crypto.createHash("sha256").update(JSON.stringify(canonical({ phase: snapshot.phaseId, content }))).digest("hex");
}

export type ItemChange =
  | { itemId: string; kind: "answer"; before: unknown; after: unknown }
  | {
      itemId: string;
      kind: "rows";
      added: Array<Record<string, unknown>>;
      removed: Array<Record<string, unknown>>;
      changed: Array<{ before: Record<string, unknown>; after: Record<string, unknown>; columns: string[] }>;
      reordered: boolean;
    };

const same = (a: unknown, b: unknown) => JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));

/** What changed from a signed snapshot to the current content, item by item. */
export function diffSnapshots(signed: PhaseSnapshot, current: PhaseSnapshot): ItemChange[] {
  const before = new Map(signed.items.map((i) => [i.id, i]));
  const changes: ItemChange[] = [];
  for (const now of current.items) {
    const was = before.get(now.id);
    if ("rows" in now) {
      const oldRows = was && "rows" in was ? was.rows : [];
      const oldById = new Map(oldRows.map((r) => [r.id, r]));
      const newIds = new Set(now.rows.map((r) => r.id));
      const added = now.rows.filter((r) => !oldById.has(r.id)).map((r) => r.cells);
      const removed = oldRows.filter((r) => !newIds.has(r.id)).map((r) => r.cells);
      const changed = now.rows
        .filter((r) => oldById.has(r.id) && !same(oldById.get(r.id)!.cells, r.cells))
        .map((r) => {
          const old = oldById.get(r.id)!.cells;
          const columns = [...new Set([...Object.keys(old), ...Object.keys(r.cells)])].filter((c) => !same(old[c] ?? null, r.cells[c] ?? null));
          return { before: old, after: r.cells, columns };
        });
      const keptOld = oldRows.filter((r) => newIds.has(r.id)).map((r) => r.id);
      const keptNew = now.rows.filter((r) => oldById.has(r.id)).map((r) => r.id);
      const reordered = !same(keptOld, keptNew);
      if (added.length || removed.length || changed.length || reordered) changes.push({ itemId: now.id, kind: "rows", added, removed, changed, reordered });
    } else {
      const old = was && "value" in was ? was.value : null;
      if (!same(old, now.value)) changes.push({ itemId: now.id, kind: "answer", before: old, after: now.value });
    }
  }
  return changes;
}

// --- state --------------------------------------------------------------------

export type GateStatus = "open" | "awaiting" | "signed" | "reopened";

export type GateEvent = {
  id: number;
  kind: SignoffEventKind;
  at: string;
  comment: string;
  fingerprint: string | null;
  /** Null for an event imported from a file (never attributed to an account here). */
  userId: number | null;
  userName: string;
  /** For an event imported from a file: where it came from (see decision 015). */
  importedFrom: string | null;
};

/** What an imported file says about a phase: records, not signatures made here. */
export type ImportedGate = {
  events: GateEvent[];
  /** The file's latest approval, with the content it names. */
  approval: (GateEvent & { snapshot: PhaseSnapshot }) | null;
};

export type PhaseGate = {
  phaseId: string;
  status: GateStatus;
  events: GateEvent[];
  lastApproval: (GateEvent & { snapshot: PhaseSnapshot }) | null;
  /** The latest rejection, when it is the latest event. */
  rejection: GateEvent | null;
  /** The latest request, while awaiting. */
  request: GateEvent | null;
  /**
   * Sign-off events imported from a file. They are shown, marked "imported,
   * not verified here", and never count: the state above comes from the
   * events made on this installation only.
   */
  imported: ImportedGate;
};

/**
 * The name shown for whoever acted on a sign-off: the name kept with the
 * event when it was recorded, so renaming an account later does not rewrite
 * past signatures (decision 018); events recorded before names were kept
 * fall back to the account's current name.
 */
export function signerDisplayName(storedName: string | null, accountName: string | null): string {
  return storedName ?? accountName ?? "";
}

const signoffEventsOf = preparedOnce((db) =>
  db
    .select({ e: signoffEvents, name: users.displayName })
    .from(signoffEvents)
    .leftJoin(users, eq(users.id, signoffEvents.userId))
    .where(eq(signoffEvents.projectId, sql.placeholder("projectId")))
    .orderBy(asc(signoffEvents.id))
    .prepare(),
);

/** Every phase's sign-off state (every project page shows it; also inside a transaction open on `db`). */
export function projectGates(db: Db, projectId: number, pack: Pack): Map<string, PhaseGate> {
  const rows = signoffEventsOf(db).all({ projectId });
  const gates = new Map<string, PhaseGate>();
  for (const p of pack.phases) gates.set(p.id, { phaseId: p.id, status: "open", events: [], lastApproval: null, rejection: null, request: null, imported: { events: [], approval: null } });
  for (const { e, name } of rows) {
    const gate = gates.get(e.phaseId);
    if (!gate) continue;
    const ev: GateEvent = { id: e.id, kind: e.kind, at: e.at, comment: e.comment, fingerprint: e.fingerprint, userId: e.userId, userName: signerDisplayName(e.signerName, name), importedFrom: e.importedFrom };
    if (e.importedFrom !== null) {
      gate.imported.events.push(ev);
      if (e.kind === "approved") gate.imported.approval = { ...ev, snapshot: e.snapshot as PhaseSnapshot };
      continue;
    }
    gate.events.push(ev);
    if (e.kind === "approved") gate.lastApproval = { ...ev, snapshot: e.snapshot as PhaseSnapshot };
  }
  for (const gate of gates.values()) {
    const last = gate.events.at(-1);
    gate.status = !last
      ? "open"
      : last.kind === "requested"
        ? "awaiting"
        : last.kind === "approved"
          ? "signed"
          : gate.lastApproval
            ? "reopened"
            : "open";
    gate.rejection = last?.kind === "rejected" ? last : null;
    gate.request = last?.kind === "requested" ? last : null;
  }
  return gates;
}

/** Content can change only while a phase is open or reopened. */
export function isEditable(gate: PhaseGate | undefined): boolean {
  return !gate || gate.status === "open" || gate.status === "reopened";
}

export type GateView = PhaseGate & {
  /** The phase's content now, and its fingerprint. */
  snapshot: PhaseSnapshot;
  fingerprint: string;
  changedSinceSignoff: boolean;
  changes: ItemChange[];
  /** Whether the content now is what the imported approval names (null: no imported approval). */
  importedApprovalMatches: boolean | null;
  /** How the content now differs from what the imported approval's snapshot holds (empty when it matches). */
  importedChanges: ItemChange[];
  requiredComplete: boolean;
  /** Earlier phases that must be signed first (sequential packs). */
  blockedBy: string[];
};

/**
 * A phase's content and fingerprint, worked out once per loaded project data
 * (which is shared while the project does not change: see loadProjectData),
 * instead of hashing every phase on every page of the project.
 */
const contentOf = new WeakMap<ProjectData, WeakMap<Phase, { snapshot: PhaseSnapshot; fingerprint: string }>>();
export function phaseContent(phase: Phase, projectData: ProjectData): { snapshot: PhaseSnapshot; fingerprint: string } {
  let byPhase = contentOf.get(projectData);
  if (!byPhase) {
    byPhase = new WeakMap();
    contentOf.set(projectData, byPhase);
  }
  let content = byPhase.get(phase);
  if (!content) {
    const snapshot = phaseSnapshot(phase, projectData);
    content = { snapshot, fingerprint: fingerprint(snapshot) };
    byPhase.set(phase, content);
  }
  return content;
}

export function gateView(pack: Pack, phase: Phase, gates: Map<string, PhaseGate>, projectData: ProjectData): GateView {
  const gate = gates.get(phase.id)!;
  const { snapshot, fingerprint: fp } = phaseContent(phase, projectData);
  const changedSinceSignoff = Boolean(gate.lastApproval && gate.lastApproval.fingerprint !== fp);
  const progress = phaseProgress(phase, projectData.state);
  const blockedBy =
    pack.signOff.order === "sequential"
      ? pack.phases.slice(0, pack.phases.findIndex((p) => p.id === phase.id)).filter((p) => gates.get(p.id)?.status !== "signed").map((p) => p.id)
      : [];
  return {
    ...gate,
    snapshot,
    fingerprint: fp,
    changedSinceSignoff,
    changes: changedSinceSignoff ? diffSnapshots(gate.lastApproval!.snapshot, snapshot) : [],
    importedApprovalMatches: gate.imported.approval ? gate.imported.approval.fingerprint === fp : null,
    importedChanges: gate.imported.approval && gate.imported.approval.fingerprint !== fp && gate.imported.approval.snapshot ? diffSnapshots(gate.imported.approval.snapshot, snapshot) : [],
    requiredComplete: progress.requiredAnswered >= progress.required,
    blockedBy,
  };
}

// --- transitions -----------------------------------------------------------

export type GateIntent = "request" | "withdraw" | "approve" | "reject" | "reopen";

export type GateResult =
  | { ok: true; status: GateStatus }
  | { ok: false; status: 409 | 400; error: string; field?: "comment" };

/**
 * Applies one transition. All checks and the write happen in one IMMEDIATE
 * transaction, so two people acting at once cannot both succeed.
 */
export function applyGate(
  db: Db,
  args: {
    projectId: number;
    pack: Pack;
    phase: Phase;
    intent: GateIntent;
    actor: Actor & { id: number };
    comment: string;
    /** Approvals: the fingerprint of the content the sponsor reviewed. */
    reviewed?: string;
    load: () => ProjectData;
  },
): GateResult {
  return writeTransaction(db, (tx) => {
    const gates = projectGates(db, args.projectId, args.pack);
    const data = args.load();
    const view = gateView(args.pack, args.phase, gates, data);
    const comment = stripInvisible(args.comment).trim();
    const refuse = (error: string, status: 409 | 400 = 409, field?: "comment"): GateResult => ({ ok: false, status, error, field });
    let kind: SignoffEventKind;
    switch (args.intent) {
      case "request":
        if (view.status !== "open" && view.status !== "reopened") return refuse("gate.errors.notOpen");
        if (!view.requiredComplete) return refuse("gate.errors.incomplete");
        if (view.blockedBy.length) return refuse("gate.errors.earlierUnsigned");
        kind = "requested";
        break;
      case "withdraw":
        if (view.status !== "awaiting") return refuse("gate.errors.notAwaiting");
        kind = "withdrawn";
        break;
      case "approve":
        if (view.status !== "awaiting") return refuse("gate.errors.notAwaiting");
        if (view.blockedBy.length) return refuse("gate.errors.earlierUnsigned");
        if (!args.reviewed || args.reviewed !== view.fingerprint) return refuse("gate.errors.contentChanged");
        kind = "approved";
        break;
      case "reject":
        if (view.status !== "awaiting") return refuse("gate.errors.notAwaiting");
        if (!comment) return refuse("gate.errors.commentRequired", 400, "comment");
        kind = "rejected";
        break;
      case "reopen":
        if (view.status !== "signed") return refuse("gate.errors.notSigned");
        if (!comment) return refuse("gate.errors.reasonRequired", 400, "comment");
        kind = "reopened";
        break;
    }
    if (comment.length > 2000) return refuse("gate.errors.commentTooLong", 400, "comment");
    const after = statusAfter(kind, Boolean(view.lastApproval));
    const at = new Date().toISOString();
    // An approval keeps the phase's content and who was on the project then (a signed document names them, decision 047).
    const snapshot = kind === "approved" ? { ...view.snapshot, people: peopleNow(tx, args.projectId, args.pack, data) } : null;
    tx.insert(signoffEvents)
      .values({
        projectId: args.projectId,
        phaseId: args.phase.id,
        kind,
        userId: args.actor.id,
        // The signer's name as it is now, kept with the signature.
        signerName: args.actor.name,
        at,
        comment,
        fingerprint: kind === "approved" || kind === "requested" ? view.fingerprint : null,
        snapshot,
      })
      .run();
    audit(
      tx,
      args.actor,
      {
        projectId: args.projectId,
        action: `signoff.${kind}`,
        phaseId: args.phase.id,
        before: { status: view.status },
        after: { status: after, fingerprint: kind === "approved" || kind === "requested" ? view.fingerprint : undefined, comment: comment || undefined },
      },
      at,
    );
    return { ok: true, status: after };
  });
}

function statusAfter(kind: SignoffEventKind, everSigned: boolean): GateStatus {
  if (kind === "approved") return "signed";
  if (kind === "requested") return "awaiting";
  return everSigned ? "reopened" : "open";
}

// --- who can sign ---------------------------------------------------------------

/** The project roles that may sign (today the executive sponsor), read from the permission table. */
const SIGNING_ROLES = PROJECT_ROLES.filter((r) => can(r, "sign-off"));

/**
 * How many members of the project may sign: members in a signing role whose
 * account is not disabled (issue 20). With none, a phase can be sent for
 * sign-off but never signed.
 */
export function signerCount(db: Db, projectId: number): number {
  return db
    .select({ n: count() })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.projectId, projectId), inArray(memberships.role, SIGNING_ROLES), eq(users.disabled, false)))
    .get()!.n;
}

/**
 * When nobody can sign: the first executive sponsor in the team register with an email who is neither a member of the
 * project nor invited yet (issue 20 review, finding 12), offered "Invite <name>" next to the warning; null when there is none.
 */
export function sponsorToInvite(db: Db, projectId: number, pack: Pack, projectData: ProjectData): { name: string; email: string } | null {
  if (!pack.team) return null;
  const row = teamRowInvites(db, projectId, projectData.rows.get(pack.team.register) ?? [], pack.team.roleColumn).find((r) => r.role === "executive-sponsor" && r.status === null && r.name);
  return row ? { name: row.name, email: row.email } : null;
}

/**
 * Whether sign-off of the phase could be requested now, or already is: the
 * moment from which a project where nobody can sign must say so.
 */
export function signoffInReach(view: Pick<GateView, "status" | "requiredComplete" | "blockedBy">): boolean {
  if (view.status === "awaiting") return true;
  return (view.status === "open" || view.status === "reopened") && view.requiredComplete && view.blockedBy.length === 0;
}

/** The phase an item belongs to. */
export function phaseOfItem(pack: Pack, itemId: string): Phase | undefined {
  return pack.phases.find((p) => p.steps.some((s) => s.items.some((i) => i.id === itemId)));
}
