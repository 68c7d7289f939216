/**
 * Portable project data: export → import into another installation → export
 * again gives the same content; every reference follows its row to its new
 * id; nothing the file says is attributed to an account of the importing
 * installation (sign-offs and history are imported records, the members are
 * to be invited, decision 015) and no account is created; files from a
 * newer format or method, and malformed files, are refused with a message in
 * both languages and nothing written; the largest file allowed imports.
 *
 * The round-trip comparison normalises only what must differ between two
 * installations (see `normalise`): the export time, the ids (the project's
 * and the rows'), the fingerprints that hash row ids (each is checked valid
 * where it stands instead), and the one audit entry the import itself adds.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { sql } from "drizzle-orm";
import type { Db } from "#db/client.ts";
import { seedDemoProject } from "#db/seed-demo.ts";
import { signoffEvents, users } from "#db/schema.ts";
import { tempDatabase } from "#tests/setup/db.ts";
import { documentText } from "#tests/setup/docx.ts";
import { addActivity, castBallot, closeActivity, endSession, join, openActivity, sessionRecords, startSession } from "#app/domain/workshop.server.ts";
import { exportDeliverable } from "#app/domain/deliverables.server.ts";
import { largestProjectFile } from "#tests/fixtures/largest-project-file.ts";
import { seedDeliverableProject, signPhase } from "#tests/fixtures/deliverable-project.ts";
import { findUserByEmail, insertUser } from "#app/domain/auth.server.ts";
import { deleteRow, moveRow, saveAnswer, updateRow } from "#app/domain/answers.server.ts";
import { saveBranding, projectBrandingOverride } from "#app/domain/branding.server.ts";
import { contentFingerprint, latestVersion, recordVersion, signOffState } from "#app/domain/deliverables.server.ts";
import { getProject, loadProjectData, packOf } from "#app/domain/projects.server.ts";
import { fingerprint, gateView, projectGates, type PhaseSnapshot } from "#app/domain/signoff.server.ts";
import { listMembers } from "#app/domain/members.server.ts";
import { historyActors } from "#app/domain/audit.server.ts";
import { IMPORT_MAX_BYTES, TRANSFER_LIMITS, exportProject, importProject, importSource, projectFileName, serialiseProjectFile, unlinkedMembers, type ProjectFile } from "#app/domain/project-transfer.server.ts";
import { translateError } from "#app/components/field.tsx";
import { createI18n } from "#app/i18n.ts";
import { findItem } from "#methodology/load.ts";
import type { AnswerableItem, Pack, RegisterItem } from "#methodology/schema.ts";
import type { DeliverableId } from "#templates/model.ts";

const PM = "s.ahmadi@mehregan.example";
const CONSULTANT = "l.tehrani@arman.example";
const SPONSOR = "f.karimi@mehregan.example";
const PNG_1PX = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=", "base64");

const actorOf = (db: Db, email: string) => {
  const u = findUserByEmail(db, email)!;
  return { id: u.id, name: u.displayName, email: u.email };
};

/** The row ids of a register, in order. */
const rowIds = (db: Db, projectId: number, itemId: string) => (loadProjectData(db, projectId).rows.get(itemId) ?? []).map((r) => r.id);

/**
 * The deliverable fixture (the demo engagement, a filled deployment phase, a
 * signed vision) plus everything a transfer must carry: answers saved three
 * times, a changed and a moved row, a signed phase with refs that was reopened
 * and then changed (a referenced goal deleted, leaving dangling refs), a phase
 * signed over those dangling refs, project branding with a logo, one
 * deliverable version still current and one out of date.
 */
function seedRichProject(db: Db): number {
  const projectId = seedDeliverableProject(db);
  const project = getProject(db, projectId)!;
  const pack = packOf(project)!;
  const reg = (id: string) => findItem(pack, id) as RegisterItem;
  const item = (id: string) => findItem(pack, id) as Exclude<AnswerableItem, RegisterItem>;
  const pm = actorOf(db, PM);
  const consultant = actorOf(db, CONSULTANT);

  const v1 = loadProjectData(db, projectId).answers.get("goals.layer-metrics")!.version;
  expect(saveAnswer(db, { projectId, item: item("goals.layer-metrics"), baseVersion: v1, raw: "Monthly churn; days to close a complaint.", by: pm }).status).toBe("saved");
  expect(saveAnswer(db, { projectId, item: item("goals.layer-metrics"), baseVersion: v1 + 1, raw: "Monthly churn; days to close a complaint; share of wallet.", by: consultant }).status).toBe("saved");

  const requirement = loadProjectData(db, projectId).rows.get("requirements.register")![2]!;
  expect(updateRow(db, { projectId, item: reg("requirements.register"), rowId: requirement.id, baseVersion: 1, raw: { ...requirement.cells, priority: "must" }, by: consultant }).status).toBe("saved");
  expect(moveRow(db, { projectId, item: reg("goals.touchpoints"), rowId: rowIds(db, projectId, "goals.touchpoints")[2]!, direction: "up", by: pm })).toBe(true);

  signPhase(db, projectId, "goals", SPONSOR, "2026-11-21T09:00:00.000Z");
  db.insert(signoffEvents).values({ projectId, phaseId: "goals", kind: "reopened", userId: pm.id, at: "2026-11-21T15:00:00.000Z", comment: "Goal 1 is folded into goal 2" }).run();
  const firstGoal = rowIds(db, projectId, "goals.register")[0]!;
  expect(deleteRow(db, { projectId, item: reg("goals.register"), rowId: firstGoal, baseVersion: 1, by: pm }).status).toBe("deleted");
  holdWorkshop(db, projectId, pm);
  signPhase(db, projectId, "requirements", SPONSOR, "2026-11-22T09:00:00.000Z");

  saveBranding(db, consultant, projectId, { firmName: "آرمان مشاوران", primaryColor: "#1F6F5C", font: "Vazirmatn", removeLogo: undefined }, { data: new Uint8Array(PNG_1PX), type: "png", width: 1, height: 1 });

  const record = (id: DeliverableId) => recordVersion(db, pm, projectId, id, documentFingerprint(db, projectId, id));
  record("go-no-go");
  const rationale = loadProjectData(db, projectId).answers.get("deployment.go-rationale")!;
  expect(saveAnswer(db, { projectId, item: item("deployment.go-rationale"), baseVersion: rationale.version, raw: "Go with conditions: the two minor issues are fixed.", by: pm }).status).toBe("saved");
  record("scope-document");
  return projectId;
}

/** The workshop names of the session held on the requirements kickoff before that phase was signed. */
const ROOM = ["Neda Rahimi", "Kaveh Moradi"];
/** A session on the requirements phase, before it is signed: two people, a points vote on the goals and a poll, ended. */
function holdWorkshop(db: Db, projectId: number, by: { id: number; name: string }): void {
  const s = startSession(db, { projectId, phaseId: "requirements", stepId: "requirements-kickoff", by });
  const people = ROOM.map((name) => join(db, { sessionId: s.sessionId, name }).participantId);
  const goals = rowIds(db, projectId, "goals.register").map(String);
  const points = addActivity(db, { sessionId: s.sessionId, kind: "goal-scores", config: { mode: "points", points: 10 }, by }).activityId;
  openActivity(db, { sessionId: s.sessionId, activityId: points, by });
  people.forEach((participantId, i) => castBallot(db, { activityId: points, participantId, value: { points: { [goals[0]!]: 6 - i, [goals[1]!]: 4 + i } } }));
  closeActivity(db, { sessionId: s.sessionId, activityId: points, by });
  const poll = addActivity(db, { sessionId: s.sessionId, kind: "poll", config: { question: "Is the scope clear?", options: ["Yes", "Not yet"] }, by }).activityId;
  openActivity(db, { sessionId: s.sessionId, activityId: poll, by });
  people.forEach((participantId, i) => castBallot(db, { activityId: poll, participantId, value: { option: i } }));
  endSession(db, { sessionId: s.sessionId, by });
}

/** What the Documents tab compares a deliverable's latest version with. */
function documentFingerprint(db: Db, projectId: number, id: DeliverableId): string {
  const project = getProject(db, projectId)!;
  const pack = packOf(project)!;
  const data = loadProjectData(db, projectId);
  const phaseId = id === "go-no-go" ? "deployment" : id === "vision-minutes" ? "vision" : "requirements";
  return contentFingerprint(project, data, signOffState(db, project, pack, data, phaseId, project.deliverableLanguage), id, sessionRecords(db, projectId, phaseId));
}

/** The file exactly as downloaded and read back. */
const asDownloaded = (file: ProjectFile): ProjectFile => JSON.parse(serialiseProjectFile(file)) as ProjectFile;

/** Register columns holding row ids, by register — read from the pack, independently of the module under test. */
function refColumns(pack: Pack): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const ph of pack.phases) for (const st of ph.steps) for (const it of st.items) if (it.kind === "register") out.set(it.id, it.columns.filter((c) => c.type === "ref").map((c) => c.id));
  return out;
}

/**
 * What may differ between two exports of the same content from two
 * installations, replaced by placeholders:
 * - `exportedAt`: the moment of export;
 * - the project id, also inside the branding audit subject `project:<id>`;
 * - row ids wherever they occur (rows, ref cells, sign-off snapshots, audit
 *   entries and the register cells they record): live rows become `row-<n>` in
 *   file order, ids of rows that no longer exist `gone-<n>` in order of first
 *   appearance;
 * - approval fingerprints (they hash ref cells, i.e. row ids): each must be
 *   the SHA-256 of its own snapshot, then becomes `<valid>`;
 * - the fingerprint of a deliverable's latest version marked `current` (it
 *   hashes the content, ids included): becomes `<current>`;
 * - the audit entry recording the import itself (only the import adds one);
 * - the demo flag, which an import never carries.
 */
function normalise(input: ProjectFile, pack: Pack, { dropImport = true } = {}): unknown {
  const file = structuredClone(input);
  const refs = refColumns(pack);
  const names = new Map<number, string>(file.rows.map((r, i) => [r.id, `row-${i + 1}`]));
  let gone = 0;
  const name = (id: unknown) => {
    const n = Number(id);
    if (!names.has(n)) names.set(n, `gone-${++gone}`);
    return names.get(n)!;
  };
  const cells = (itemId: string | null, c: Record<string, unknown>) => {
    for (const col of (itemId && refs.get(itemId)) || []) if (c[col] !== null && c[col] !== "" && c[col] !== undefined) c[col] = name(c[col]);
  };
  const out = file as unknown as Record<string, unknown>;
  out.exportedAt = "<exportedAt>";
  const projectId = file.project.id;
  (file.project as Record<string, unknown>).id = "<project>";
  // A demo flag is not carried: an imported project is an ordinary one (decision 015).
  file.project.isDemo = false;
  for (const r of file.rows) {
    (r as Record<string, unknown>).id = name(r.id);
    cells(r.itemId, r.cells);
  }
  for (const s of file.signoffs) {
    if (s.kind === "approved") {
      expect(fingerprint(s.snapshot as PhaseSnapshot), `the approval of ${s.phaseId} matches its snapshot`).toBe(s.fingerprint);
      s.fingerprint = "<valid>";
    }
    for (const it of s.snapshot?.items ?? []) {
      if (!("rows" in it)) continue;
      for (const r of it.rows) {
        (r as Record<string, unknown>).id = name(r.id);
        cells(it.id, r.cells);
      }
    }
  }
  if (dropImport && file.audit.at(-1)?.action === "project.import") file.audit.pop();
  for (const a of file.audit) {
    if (a.rowId !== null) (a as Record<string, unknown>).rowId = name(a.rowId);
    if (a.action.startsWith("row.") && a.action !== "row.move") {
      for (const v of [a.before, a.after]) if (v && typeof v === "object" && !Array.isArray(v)) cells(a.itemId, v as Record<string, unknown>);
    }
    if (a.subject === `project:${projectId}`) a.subject = "project:<project>";
  }
  for (const d of file.documentVersions) if (d.current) d.fingerprint = "<current>";
  // Workshop records: their own ids by position; goal ids (row ids) like every row id.
  const w = file.workshops;
  const byPos = (list: Array<{ id: number }>, prefix: string) => new Map(list.map((x, i) => [x.id, `${prefix}-${i + 1}`]));
  const sessionIds = byPos(w.sessions, "session");
  const participantIds = byPos(w.participants, "participant");
  const activityIds = byPos(w.activities, "activity");
  const ideaIds = byPos(w.ideas, "idea");
  const goal = (id: string) => name(Number(id));
  const keyed = <T>(o: Record<string, T>, f: (v: T) => T) => Object.fromEntries(Object.entries(o).map(([k, v]) => [goal(k), f(v)]));
  const any = (x: unknown) => x as Record<string, any>;
  for (const x of w.sessions) any(x).id = sessionIds.get(x.id);
  for (const x of w.participants) Object.assign(x, { id: participantIds.get(x.id), sessionId: sessionIds.get(x.sessionId) });
  for (const x of w.activities) {
    const subjects = any(x.subjects);
    if (subjects.kind === "goal-scores") {
      for (const g of subjects.goals) g.id = goal(g.id);
      for (const c of subjects.criteria ?? []) c.id = goal(c.id);
    }
    Object.assign(x, { id: activityIds.get(x.id), sessionId: sessionIds.get(x.sessionId) });
  }
  for (const b of w.ballots) {
    const v = any(b.value);
    if (v.points) v.points = keyed(v.points, (n) => n);
    if (v.scores) v.scores = keyed(v.scores, (c: Record<string, number>) => keyed(c, (n) => n));
    Object.assign(b, { activityId: activityIds.get(b.activityId), participantId: participantIds.get(b.participantId) });
  }
  for (const i of w.ideas) Object.assign(i, { id: ideaIds.get(i.id), activityId: activityIds.get(i.activityId), participantId: i.participantId === null ? null : participantIds.get(i.participantId), mergedInto: i.mergedInto === null ? null : ideaIds.get(i.mergedInto) });
  return file;
}

/** How many rows every table holds (and the id sequences), to prove a refused import wrote nothing. */
function everything(db: Db): unknown {
  const tables = ["projects", "answers", "register_rows", "memberships", "imported_members", "signoff_events", "audit_log", "branding", "document_versions", "users", "one_time_links", "workshop_sessions", "workshop_participants", "workshop_activities", "workshop_ballots", "workshop_ideas"];
  return {
    ...Object.fromEntries(tables.map((t) => [t, db.get<{ n: number }>(sql.raw(`select count(*) as n from ${t}`)).n])),
    sequences: db.all(sql`select name, seq from sqlite_sequence order by name`),
  };
}

/** A fresh installation where only the given people have accounts. */
function installation(people: Array<{ email: string; displayName: string }>) {
  const t = tempDatabase();
  for (const p of people) insertUser(t.db, p, "not-a-real-password-hash");
  return t;
}

const en = createI18n("en");
const fa = createI18n("fa");
const inEnglish = (message: string) => translateError(en.t, "en", message);
const inPersian = (message: string) => translateError(fa.t, "fa", message);

// A: the installation the project is exported from. B: another one that has the demo
// (so its ids differ and every person has an account). C: a fresh one where only the
// importer has an account.
let A: ReturnType<typeof tempDatabase>;
let B: ReturnType<typeof tempDatabase>;
let C: ReturnType<typeof tempDatabase>;
let pack: Pack;
let sourceId: number;
let file1: ProjectFile;
let inB: number;
let file2: ProjectFile;
let inC: number;
let file3: ProjectFile;
let cUsersBefore: number;

beforeAll(() => {
  A = tempDatabase();
  sourceId = seedRichProject(A.db);
  pack = packOf(getProject(A.db, sourceId)!)!;
  file1 = asDownloaded(exportProject(A.db, sourceId, { by: actorOf(A.db, PM) }));

  B = tempDatabase();
  seedDemoProject(B.db);
  const bResult = importProject(B.db, serialiseProjectFile(file1), actorOf(B.db, PM));
  if (!bResult.ok) throw new Error(`import into B refused: ${bResult.error}`);
  inB = bResult.projectId;
  file2 = asDownloaded(exportProject(B.db, inB, { by: actorOf(B.db, PM) }));

  C = installation([{ email: PM, displayName: findUserByEmail(A.db, PM)!.displayName }]);
  cUsersBefore = C.db.select().from(users).all().length;
  const cResult = importProject(C.db, serialiseProjectFile(file1), actorOf(C.db, PM));
  if (!cResult.ok) throw new Error(`import into C refused: ${cResult.error}`);
  inC = cResult.projectId;
  file3 = asDownloaded(exportProject(C.db, inC, { by: actorOf(C.db, PM) }));
});

afterAll(() => {
  A?.cleanup();
  B?.cleanup();
  C?.cleanup();
});

describe("the exported file", () => {
  test("carries the whole project: answers, every row in order, people, sign-offs, history, branding, document versions", () => {
    const data = loadProjectData(A.db, sourceId);
    expect(file1.format).toBe("gambegam-project");
    expect(file1.formatVersion).toBe(1);
    expect(file1.methodology).toEqual({ packId: "crm-implementation", packVersion: "1.0.0" });
    expect(file1.project).toMatchObject({ name: "پیاده‌سازی CRM مهرگان", clientOrganisation: "شرکت صنایع غذایی مهرگان", deliverableLanguage: "fa", isDemo: true });
    expect(file1.answers.map((a) => a.itemId).sort()).toEqual([...data.answers.keys()].sort());
    expect(file1.answers.find((a) => a.itemId === "goals.layer-metrics")).toMatchObject({ version: 3, value: "Monthly churn; days to close a complaint; share of wallet." });
    for (const [itemId, rows] of data.rows) {
      expect(file1.rows.filter((r) => r.itemId === itemId).map((r) => r.id), itemId).toEqual(rows.map((r) => r.id));
    }
    expect(file1.rows.length).toBeGreaterThan(60);
    expect(file1.members.map((m) => [m.email, m.role]).sort()).toEqual([
      ["f.karimi@mehregan.example", "executive-sponsor"],
      ["h.nazari@mehregan.example", "viewer"],
      ["l.tehrani@arman.example", "consultant"],
      ["n.rahimi@mehregan.example", "team-member"],
      ["s.ahmadi@mehregan.example", "project-manager"],
    ]);
    expect(file1.signoffs.map((s) => `${s.phaseId}:${s.kind}:${s.by.email}`)).toEqual([
      `vision:requested:${PM}`,
      `vision:approved:${SPONSOR}`,
      `goals:requested:${PM}`,
      `goals:approved:${SPONSOR}`,
      `goals:reopened:${PM}`,
      `requirements:requested:${PM}`,
      `requirements:approved:${SPONSOR}`,
    ]);
    const trail = A.db.get<{ n: number }>(sql`select count(*) as n from audit_log where project_id = ${sourceId}`).n;
    // The export's own entry is written after the file was read.
    expect(file1.audit).toHaveLength(trail - 1);
    expect(new Set(file1.audit.map((a) => a.action))).toEqual(new Set(["project.create", "member.add", "answer.save", "row.add", "row.update", "row.move", "row.delete", "branding.save", "document.version", "workshop.start", "workshop.end"]));
    expect(file1.branding).toMatchObject({ firmName: "آرمان مشاوران", primaryColor: "1F6F5C", font: "Vazirmatn", logo: { type: "png", width: 1, height: 1, base64: PNG_1PX.toString("base64") } });
    expect(file1.documentVersions.map((d) => [d.deliverable, d.version, d.current])).toEqual([
      ["go-no-go", 1, false],
      ["scope-document", 1, true],
    ]);
  });

  test("the export is recorded in the project's audit trail, by whom", () => {
    const last = A.db.get<{ action: string; actor_name: string; user_id: number }>(sql`select action, actor_name, user_id from audit_log where project_id = ${sourceId} order by id desc limit 1`);
    expect(last).toEqual({ action: "project.export", actor_name: findUserByEmail(A.db, PM)!.displayName, user_id: findUserByEmail(A.db, PM)!.id });
  });
});

describe("export → import into another installation → export", () => {
  test("gives identical content where every person has an account (installation B)", () => {
    expect(normalise(file2, pack)).toEqual(normalise(file1, pack));
  });

  test("gives identical content where only the importer has an account (installation C)", () => {
    expect(normalise(file3, pack)).toEqual(normalise(file1, pack));
  });

  test("ids are new: the project's and every row's", () => {
    expect(inB).not.toBe(sourceId);
    expect(file2.rows).toHaveLength(file1.rows.length);
    expect(file2.rows.filter((r, i) => r.id === file1.rows[i]!.id)).toEqual([]);
  });

  test("the import itself is the last entry of the new trail: who imported, from which file, everyone else to be invited", () => {
    const entry = file3.audit.at(-1)!;
    expect(entry).toMatchObject({ action: "project.import", actorEmail: PM, subject: file1.project.name });
    // The same list where everyone has an account (B) as where nobody but the importer has (C).
    const after = (f: ProjectFile) => f.audit.at(-1)!.after as { toInvite: string[]; source: { file: string } };
    expect(after(file3).toInvite).toHaveLength(4);
    expect(after(file2).toInvite).toEqual(after(file3).toInvite);
    expect(after(file3).source.file).toBe(projectFileName(file1));
  });

  test("a file exported after an import imports again the same (B → C)", () => {
    const again = importProject(C.db, serialiseProjectFile(file2), actorOf(C.db, PM));
    expect(again.ok).toBe(true);
    if (!again.ok) return;
    // The same as file 2, B's import entry included; C's own import entry is the one left out.
    expect(normalise(asDownloaded(exportProject(C.db, again.projectId, { by: actorOf(C.db, PM) })), pack)).toEqual(normalise(file2, pack, { dropImport: false }));
  });
});

describe("references follow their rows", () => {
  /** A ref cell as the row it points at: its register and its place there, or "gone". */
  function resolved(db: Db, projectId: number) {
    const data = loadProjectData(db, projectId);
    const place = new Map<number, string>();
    for (const [itemId, rows] of data.rows) rows.forEach((r, i) => place.set(r.id, `${itemId}#${i + 1}`));
    const out: Record<string, Array<Record<string, unknown>>> = {};
    for (const [itemId, cols] of refColumns(pack)) {
      if (!cols.length) continue;
      out[itemId] = (data.rows.get(itemId) ?? []).map((r) => Object.fromEntries(cols.map((c) => [c, r.cells[c] === null || r.cells[c] === "" ? null : (place.get(Number(r.cells[c])) ?? "gone")])));
    }
    return out;
  }

  test("requirements → goals, KPI actuals → goals, touchpoints → segments point at the same rows as before", () => {
    const before = resolved(A.db, sourceId);
    expect(before["requirements.register"]!.map((r) => r.goal)).toEqual(["gone", "goals.register#1", "gone"]);
    expect(before["review.kpi-actuals"]!.map((r) => r.goal)).toEqual(["gone", "gone", "goals.register#1"]);
    expect(before["goals.touchpoints"]!.map((r) => r.segment)).toEqual(["vision.segments#2", "vision.segments#1", "vision.segments#1"]);
    expect(resolved(B.db, inB)).toEqual(before);
    expect(resolved(C.db, inC)).toEqual(before);
  });

  test("a ref to a deleted row stays dangling, under an id no row of this installation can ever get", () => {
    const deletedGoal = file2.audit.find((a) => a.action === "row.delete" && a.itemId === "goals.register")!.rowId!;
    const requirements = loadProjectData(B.db, inB).rows.get("requirements.register")!;
    expect(Number(requirements[0]!.cells.goal)).toBe(deletedGoal);
    expect(B.db.get(sql`select id from register_rows where id = ${deletedGoal}`)).toBeUndefined();
    const seq = B.db.get<{ seq: number }>(sql`select seq from sqlite_sequence where name = 'register_rows'`).seq;
    expect(deletedGoal).toBeLessThanOrEqual(seq);
    // The signed goals snapshot still has the deleted row, under the same id.
    const goalsSigned = file2.signoffs.find((s) => s.phaseId === "goals" && s.kind === "approved")!.snapshot!;
    const goalRows = goalsSigned.items.find((i) => i.id === "goals.register") as { rows: Array<{ id: number }> };
    expect(goalRows.rows.map((r) => r.id)).toContain(deletedGoal);
  });
});

describe("what the imported project shows", () => {
  const gates = (db: Db, projectId: number) => {
    const data = loadProjectData(db, projectId);
    const g = projectGates(db, projectId, pack);
    return pack.phases.map((ph) => {
      const v = gateView(pack, ph, g, data);
      return {
        phase: ph.id,
        status: v.status,
        changed: v.changedSinceSignoff,
        signedBy: v.lastApproval?.userName ?? null,
        changes: v.changes.map((c) => (c.kind === "rows" ? `${c.itemId}: +${c.added.length} -${c.removed.length} ~${c.changed.length}${c.reordered ? " reordered" : ""}` : `${c.itemId}: answer`)),
      };
    });
  };

  test("every sign-off is carried as an imported record: the same events, the same approvals, the same content signed; none signs the phase here", () => {
    const before = gates(A.db, sourceId);
    expect(before.filter((g) => g.status !== "open")).toEqual([
      { phase: "vision", status: "signed", changed: false, signedBy: "فرهاد کریمی", changes: [] },
      { phase: "goals", status: "reopened", changed: true, signedBy: "فرهاد کریمی", changes: ["goals.register: +0 -1 ~0"] },
      { phase: "requirements", status: "signed", changed: false, signedBy: "فرهاد کریمی", changes: [] },
    ]);
    const events = (db: Db, projectId: number) => [...projectGates(db, projectId, pack).values()].flatMap((g) => [...g.events, ...g.imported.events].map((e) => `${g.phaseId}:${e.kind}:${e.userName}`));
    for (const [db, id] of [[B.db, inB], [C.db, inC]] as const) {
      // Here: no phase is signed, none is locked, nothing was requested.
      expect(gates(db, id).filter((g) => g.status !== "open" || g.signedBy !== null)).toEqual([]);
      expect(events(db, id)).toEqual(events(A.db, sourceId));
      // The imported approvals name the content that was signed there: unchanged for vision and requirements, changed for goals.
      const g = projectGates(db, id, pack);
      const data = loadProjectData(db, id);
      expect(pack.phases.filter((ph) => g.get(ph.id)!.imported.approval).map((ph) => [ph.id, g.get(ph.id)!.imported.approval!.userName, gateView(pack, ph, g, data).importedApprovalMatches])).toEqual([
        ["vision", "فرهاد کریمی", true],
        ["goals", "فرهاد کریمی", false],
        ["requirements", "فرهاد کریمی", true],
      ]);
    }
  });

  test("a signature over content without refs keeps its fingerprint; one over refs is fingerprinted again", () => {
    const approval = (f: ProjectFile, phase: string) => f.signoffs.find((s) => s.phaseId === phase && s.kind === "approved")!.fingerprint;
    expect(approval(file2, "vision")).toBe(approval(file1, "vision"));
    expect(approval(file2, "requirements")).not.toBe(approval(file1, "requirements"));
  });

  test("in C the sponsor has no account: their signatures keep their name, marked as imported, and no account was created", () => {
    expect(C.db.select().from(users).all()).toHaveLength(cUsersBefore);
    const signed = projectGates(C.db, inC, pack).get("vision")!.imported.approval!;
    expect(signed).toMatchObject({ userId: null, userName: "فرهاد کریمی", importedFrom: projectFileName(file1) });
    expect(listMembers(C.db, inC).map((m) => [m.email, m.role])).toEqual([[PM, "project-manager"]]);
    expect(unlinkedMembers(C.db, inC).map((m) => [m.name, m.email, m.role]).sort()).toEqual([
      ["حسین نظری", "h.nazari@mehregan.example", "viewer"],
      ["فرهاد کریمی", SPONSOR, "executive-sponsor"],
      ["لیلا تهرانی", CONSULTANT, "consultant"],
      ["نرگس رحیمی", "n.rahimi@mehregan.example", "team-member"],
    ]);
  });

  test("in B, where everyone has an account, only the importer is a member: the others are to be invited, and nothing is attributed to their accounts", () => {
    expect(listMembers(B.db, inB).map((m) => [m.email, m.role])).toEqual([[PM, "project-manager"]]);
    expect(unlinkedMembers(B.db, inB).map((m) => [m.email, m.role]).sort()).toEqual(file1.members.filter((m) => m.email !== PM).map((m) => [m.email, m.role]).sort());
    // The history's person filter offers only the importer (for the import's own entry).
    expect(historyActors(B.db, inB).map((a) => a.userId)).toEqual([findUserByEmail(B.db, PM)!.id]);
    expect(B.db.get<{ n: number }>(sql`select count(*) as n from signoff_events where project_id = ${inB} and (user_id is not null or imported_from is null)`).n).toBe(0);
    // Written here, by the importer: the import and the export that made file 2.
    expect(B.db.all<{ action: string }>(sql`select action from audit_log where project_id = ${inB} and (user_id is not null or imported_from is null) order by id`).map((e) => e.action)).toEqual(["project.import", "project.export"]);
  });

  test("versions carry over: a save based on the old version is still refused as a conflict", () => {
    // A copy of its own, so that the other tests read the project as imported.
    const r = importProject(B.db, serialiseProjectFile(file1), actorOf(B.db, PM));
    if (!r.ok) throw new Error(r.error);
    const reg = findItem(pack, "requirements.register") as RegisterItem;
    const row = loadProjectData(B.db, r.projectId).rows.get("requirements.register")![2]!;
    expect(row.version).toBe(2);
    // Requirements are signed, hence locked on the page; the optimistic version check is what is tested here.
    const stale = updateRow(B.db, { projectId: r.projectId, item: reg, rowId: row.id, baseVersion: 1, raw: { ...row.cells, priority: "could" } });
    expect(stale.status).toBe("conflict");
    // Its goal was deleted before the export: as there, the dangling ref must be cleared to save.
    expect(updateRow(B.db, { projectId: r.projectId, item: reg, rowId: row.id, baseVersion: 2, raw: { ...row.cells, priority: "could" } }).status).toBe("invalid");
    expect(updateRow(B.db, { projectId: r.projectId, item: reg, rowId: row.id, baseVersion: 2, raw: { ...row.cells, goal: null, priority: "could" } }).status).toBe("saved");
    const item = findItem(pack, "goals.layer-metrics") as Exclude<AnswerableItem, RegisterItem>;
    expect(saveAnswer(B.db, { projectId: r.projectId, item, baseVersion: 2, raw: "stale" }).status).toBe("conflict");
    expect(saveAnswer(B.db, { projectId: r.projectId, item, baseVersion: 3, raw: "Monthly churn only." }).status).toBe("saved");
  });

  test("documents: the deliverable unchanged at export is unchanged here; the out-of-date one is still out of date", () => {
    for (const [db, id] of [[B.db, inB], [C.db, inC]] as const) {
      expect(latestVersion(db, id, "scope-document")!.fingerprint).toBe(documentFingerprint(db, id, "scope-document"));
      expect(latestVersion(db, id, "go-no-go")!.fingerprint).not.toBe(documentFingerprint(db, id, "go-no-go"));
    }
  });

  test("the documents' sign-off state names the imported approval only where there is one, so other projects' document versions do not change", () => {
    const state = (db: Db, id: number) => {
      const project = getProject(db, id)!;
      return signOffState(db, project, pack, loadProjectData(db, id), "vision", "en")!;
    };
    expect(state(B.db, inB)).toMatchObject({ status: "open", lastApproval: null, importedApproval: { by: "فرهاد کریمی", source: projectFileName(file1), matches: true } });
    expect("importedApproval" in state(A.db, sourceId)).toBe(false);
  });

  test("the project's branding and logo come along", () => {
    expect(projectBrandingOverride(C.db, inC)).toMatchObject({ firmName: "آرمان مشاوران", primaryColor: "#1F6F5C", font: "Vazirmatn" });
    expect(Buffer.from(projectBrandingOverride(C.db, inC)!.logo!.data).equals(PNG_1PX)).toBe(true);
  });

  test("someone with an account under another display name is not made a member by the file, and the trail keeps the file's name, not linked to the account", () => {
    const D = installation([
      { email: PM, displayName: "Sara Ahmadi" },
      { email: CONSULTANT.toUpperCase(), displayName: "L. Tehrani (new laptop)" },
    ]);
    try {
      const r = importProject(D.db, serialiseProjectFile(file1), actorOf(D.db, PM));
      expect(r.ok).toBe(true);
      if (!r.ok) return;
      expect(D.db.select().from(users).all()).toHaveLength(2);
      expect(listMembers(D.db, r.projectId).map((m) => [m.name, m.role])).toEqual([["Sara Ahmadi", "project-manager"]]);
      expect(unlinkedMembers(D.db, r.projectId).map((m) => m.email)).toContain(CONSULTANT);
      const hers = D.db.all<{ user_id: number | null; actor_name: string; imported_from: string | null }>(sql`select user_id, actor_name, imported_from from audit_log where project_id = ${r.projectId} and actor_name = 'لیلا تهرانی'`);
      expect(hers.length).toBeGreaterThan(0);
      // The trail keeps the name as it was written, marked as imported; no account is linked.
      expect(hers.every((e) => e.user_id === null && e.imported_from === projectFileName(file1))).toBe(true);
    } finally {
      D.cleanup();
    }
  });
});

describe("workshop sessions travel with the project", () => {
  test("a session held before its phase was signed: the imported approval still matches, the scope document names its participants, and it is ended here", async () => {
    expect(file1.workshops.participants.map((p) => p.name)).toEqual(ROOM);
    // No code, join token, participant secret or account travels.
    const json = serialiseProjectFile(file1);
    for (const secret of A.db.all<{ v: string }>(sql`select code as v from workshop_sessions union all select token_hash from workshop_sessions union all select secret_hash from workshop_participants`)) expect(json).not.toContain(secret.v);
    const requirements = pack.phases.find((p) => p.id === "requirements")!;
    for (const [db, id] of [[B.db, inB], [C.db, inC]] as const) {
      const g = projectGates(db, id, pack);
      expect(gateView(pack, requirements, g, loadProjectData(db, id)).importedApprovalMatches).toBe(true);
      const record = sessionRecords(db, id, "requirements");
      const strip = (r: typeof record) => r.map(({ id: _id, ...rest }) => ({ ...rest, activities: rest.activities.map((a) => ({ ...a, subjects: "goals" in a.subjects ? a.subjects.goals.map((x) => x.label) : a.subjects, summary: a.summary.kind })) }));
      expect(strip(record)).toEqual(strip(sessionRecords(A.db, sourceId, "requirements")));
      expect(record[0]!.participants).toEqual(ROOM);
      expect(db.all<{ n: number }>(sql`select count(*) as n from workshop_sessions where ended_at is null`)[0]!.n).toBe(0);
      const project = getProject(db, id)!;
      const doc = await exportDeliverable({ db, project, pack, data: loadProjectData(db, id), id: "scope-document", lang: "en", actor: actorOf(db, PM), renderer: null });
      for (const person of ROOM) expect(documentText(doc.buffer)).toContain(person);
    }
  });

  test("a file whose workshop records do not hold together is refused, and nothing is written", () => {
    const D = installation([{ email: PM, displayName: "Sara" }]);
    try {
      const before = everything(D.db);
      const broken = structuredClone(file1);
      broken.workshops.ballots[0]!.participantId = 999_999;
      const res = importProject(D.db, serialiseProjectFile(broken), actorOf(D.db, PM));
      expect(res).toMatchObject({ ok: false, error: expect.stringContaining("transfer.errors.badValue") });
      expect(everything(D.db)).toEqual(before);
      const secret = structuredClone(file1) as unknown as { workshops: { sessions: Array<Record<string, unknown>> } };
      secret.workshops.sessions[0]!.code = "ABC123";
      expect(importProject(D.db, JSON.stringify(secret), actorOf(D.db, PM))).toMatchObject({ ok: false, error: expect.stringContaining("transfer.issue.unknownFields") });
    } finally {
      D.cleanup();
    }
  });
});

describe("refused files", () => {
  const refusal = (db: Db, content: unknown) => {
    const before = everything(db);
    const r = importProject(db, typeof content === "string" ? content : JSON.stringify(content), actorOf(db, PM));
    expect(everything(db), "nothing is written").toEqual(before);
    if (r.ok) throw new Error("the file was imported");
    return r.error;
  };
  const edited = (edit: (f: Record<string, any>) => void) => {
    const f = structuredClone(file1) as Record<string, any>;
    edit(f);
    return f;
  };

  test("a file from a newer Gambegam (format version) — both versions named, in both languages", () => {
    const error = refusal(B.db, edited((f) => (f.formatVersion = 2)));
    expect(inEnglish(error)).toBe("This file was written by a newer Gambegam (project file format 2); this installation reads format 1. Update Gambegam here, then import the file again.");
    expect(inPersian(error)).toContain("قالب فایل پروژه ۲");
    expect(inPersian(error)).toContain("قالب ۱ را می‌خواند");
  });

  test("a project on a newer version of the method — both versions named, in both languages", () => {
    const error = refusal(B.db, edited((f) => (f.methodology.packVersion = "1.1.0")));
    expect(inEnglish(error)).toBe("The project follows version 1.1.0 of the method “crm-implementation”, but this installation has version 1.0.0. Install version 1.1.0 of the method here first.");
    expect(inPersian(error)).toContain("نسخه ۱.۱.۰ متدولوژی «crm-implementation»");
    expect(inPersian(error)).toContain("۱.۰.۰");
  });

  test("a method this installation does not have, or an older version of it that is not installed", () => {
    expect(inEnglish(refusal(B.db, edited((f) => (f.methodology.packId = "acme-method"))))).toBe(
      "The project follows the method “acme-method” version 1.0.0, which is not installed here. Install that method first.",
    );
    expect(inEnglish(refusal(B.db, edited((f) => (f.methodology.packVersion = "0.9.0"))))).toContain("this installation has 1.0.0 but not 0.9.0");
  });

  test("files that are not project files", () => {
    expect(inEnglish(refusal(B.db, '{"format": "gambegam-project", '))).toMatch(/^The file is not JSON/);
    expect(inEnglish(refusal(B.db, { hello: "world" }))).toMatch(/^This is not a Gambegam project file/);
    expect(inEnglish(refusal(B.db, [file1]))).toMatch(/^This is not a Gambegam project file/);
  });

  test("malformed files are refused with the problem in plain words, saying where", () => {
    const cases: Array<[(f: Record<string, any>) => void, string]> = [
      [(f) => delete f.project.name, "The file is not a valid project file: “project › name” is missing."],
      [(f) => (f.rows[3].position = "third"), "The file is not a valid project file: “rows › 4 › position” should be a number."],
      [(f) => (f.members[0].role = "owner"), "The file is not a valid project file: “members › 1 › role” must be one of: project-manager, consultant, executive-sponsor, team-member, viewer."],
      [(f) => (f.secret = 1), "The file is not a valid project file: “(file)” has fields this Gambegam does not know: secret."],
      [(f) => (f.audit = {}), "The file is not a valid project file: “audit” should be a list."],
      [(f) => (f.project.name = "x".repeat(201)), "The file is not a valid project file: “project › name” is too long or too large (at most 200)."],
      [(f) => (f.signoffs.find((s: { kind: string }) => s.kind === "approved").snapshot = null), "The file is not a valid project file: “signoffs › 2” has a value that is not allowed."],
      [(f) => (f.answers[0].itemId = "no.such-item"), "The file holds an answer for “no.such-item”, which is not an item of the project's method (or not of that kind)."],
      [(f) => (f.answers.find((a: { itemId: string }) => a.itemId === "vision.workshop-date").value = "yesterday"), "The answer to “vision.workshop-date” in the file does not fit that item."],
      [(f) => f.rows.push({ ...f.rows[0] }), `The file holds “${file1.rows[0]!.itemId} #${file1.rows[0]!.id}” twice.`],
      [(f) => (f.signoffs[0].phaseId = "launch-party"), "The file holds a sign-off of “launch-party”, which is not a phase of the project's method."],
      [(f) => (f.branding.logo.base64 = Buffer.from("not an image").toString("base64")), "The project's logo in the file is not a PNG or JPEG image of at most 512 KB."],
    ];
    for (const [edit, message] of cases) expect(inEnglish(refusal(B.db, edited(edit)))).toBe(message);
    expect(inPersian(refusal(B.db, edited((f) => delete f.project.name)))).toBe("فایل پروژه معتبر نیست: «project › name» وجود ندارد.");
  });
});

describe("where imported records say they came from", () => {
  test("the file's own name, without folders, control or bidi characters, at most 120 characters; without a name, the name its export gives it", () => {
    expect(importSource("C:\\Users\\me\\Downloads\\project-data-mehregan.json", file1)).toBe("project-data-mehregan.json");
    expect(importSource("/tmp/x/\u202Enosj.atad-tcejorp\u202C\n.json", file1)).toBe("nosj.atad-tcejorp.json");
    expect(importSource("پروژه\u200Cها.json", file1)).toBe("پروژه\u200Cها.json");
    expect([...importSource("x".repeat(500), file1)]).toHaveLength(120);
    expect(importSource(null, file1)).toBe(projectFileName(file1));
    expect(importSource("\u202E\u2066 ", file1)).toBe(projectFileName(file1));
  });
});

describe("the largest file allowed", () => {
  // Every list at its limit; the rows of each signed snapshot are not (2,000 in each of 167 approvals would be far over 20 MB: the byte limit binds first).
  const LIMITS = { members: TRANSFER_LIMITS.members, rows: TRANSFER_LIMITS.rows, audit: TRANSFER_LIMITS.audit, signoffs: TRANSFER_LIMITS.signoffs, documentVersions: TRANSFER_LIMITS.documentVersions, snapshotRows: 40 };

  test("every list at its limit, close to 20 MB: it is imported, all of it", () => {
    const json = largestProjectFile(pack, LIMITS, IMPORT_MAX_BYTES - 64 * 1024);
    expect(json.length).toBeGreaterThan(IMPORT_MAX_BYTES * 0.95);
    expect(json.length).toBeLessThanOrEqual(IMPORT_MAX_BYTES);
    const file = JSON.parse(json) as ProjectFile;
    // Every register of the method at its row limit (the built-in method allows 34,170 rows in all).
    expect(file.rows.length).toBe(pack.phases.flatMap((ph) => ph.steps.flatMap((st) => st.items)).reduce((n, it) => n + (it.kind === "register" ? it.maxRows : 0), 0));
    const E = installation([{ email: PM, displayName: "Sara Ahmadi" }]);
    try {
      const r = importProject(E.db, json, actorOf(E.db, PM));
      if (!r.ok) throw new Error(inEnglish(r.error));
      const count = (table: string) => E.db.get<{ n: number }>(sql.raw(`select count(*) as n from ${table} where project_id = ${r.projectId}`)).n;
      expect(count("register_rows")).toBe(file.rows.length);
      expect(count("audit_log")).toBe(TRANSFER_LIMITS.audit + 1);
      expect(count("signoff_events")).toBe(TRANSFER_LIMITS.signoffs);
      expect(count("imported_members")).toBe(TRANSFER_LIMITS.members);
      expect(count("document_versions")).toBe(TRANSFER_LIMITS.documentVersions);
      // A held workshop session with its activities, ballots and ideas travels too (and is printed as it was).
      const w = file.workshops!;
      expect(w.sessions.length).toBeGreaterThan(0);
      expect(new Set(w.activities.map((a) => a.kind))).toEqual(new Set(["ideas", "goal-scores", "readiness", "poll"]));
      expect(count("workshop_sessions")).toBe(w.sessions.length);
      const records = sessionRecords(E.db, r.projectId, [...new Set(w.sessions.map((x) => x.phaseId))]);
      expect(records.flatMap((x) => x.activities)).toHaveLength(w.activities.length);
      expect(records[0]!.participants).toHaveLength(w.participants.filter((p) => p.sessionId === w.sessions[0]!.id).length);
      const stored = (table: string) => E.db.get<{ n: number }>(sql.raw(`select count(*) as n from ${table}`)).n;
      expect(stored("workshop_ballots")).toBe(w.ballots.length);
      expect(stored("workshop_ideas")).toBe(w.ideas.length);
      // And back out: the exported file holds the same workshop records.
      const again = asDownloaded(exportProject(E.db, r.projectId, { by: actorOf(E.db, PM) })).workshops!;
      expect([again.sessions.length, again.participants.length, again.activities.length, again.ballots.length, again.ideas.length]).toEqual([w.sessions.length, w.participants.length, w.activities.length, w.ballots.length, w.ideas.length]);
    } finally {
      E.cleanup();
    }
  }, 120_000);

  test("one item more in any list is refused, naming the limit, and nothing is written", () => {
    const small = JSON.parse(largestProjectFile(pack, { members: 1, rows: 1, audit: 1, signoffs: 1, documentVersions: 1, snapshotRows: 1 })) as Record<string, any>;
    const cases: Array<[string, (f: Record<string, any>) => void]> = [
      ["members", (f) => (f.members = Array.from({ length: TRANSFER_LIMITS.members + 1 }, (_, i) => ({ ...f.members[0], email: `m${i}@elsewhere.example` })))],
      ["audit", (f) => (f.audit = Array.from({ length: TRANSFER_LIMITS.audit + 1 }, () => f.audit[0]))],
      ["signoffs", (f) => (f.signoffs = Array.from({ length: TRANSFER_LIMITS.signoffs + 1 }, () => f.signoffs[0]))],
      ["documentVersions", (f) => (f.documentVersions = Array.from({ length: TRANSFER_LIMITS.documentVersions + 1 }, (_, i) => ({ ...f.documentVersions[0], version: i + 1 })))],
      ["rows", (f) => (f.rows = Array.from({ length: TRANSFER_LIMITS.rows + 1 }, (_, i) => ({ ...f.rows[0], id: i + 1 })))],
    ];
    for (const [list, edit] of cases) {
      const f = structuredClone(small);
      edit(f);
      const before = everything(B.db);
      const r = importProject(B.db, JSON.stringify(f), actorOf(B.db, PM));
      expect(everything(B.db)).toEqual(before);
      expect(r.ok ? "imported" : inEnglish(r.error), list).toBe(`The file is not a valid project file: “${list}” is too long or too large (at most ${TRANSFER_LIMITS[list as keyof typeof TRANSFER_LIMITS]}).`);
    }
  });
});

describe("a file exported before co-owners and champions moved to team formation (decision 033)", () => {
  /** file1 as an installation before the move would have written it: the old ids, the co-owners as one answer. */
  function beforeTheMove(file: ProjectFile): ProjectFile {
    const old = structuredClone(file);
    const rename: Record<string, string> = { "team.task-co-owners": "deployment.task-co-owners", "team.task-champions": "deployment.task-champions", "team.champions": "deployment.champions" };
    old.answers = old.answers.map((a) => ({ ...a, itemId: rename[a.itemId] ?? a.itemId }));
    old.answers.push({ itemId: "deployment.co-owners", value: "Narges Rahimi (sales) and Mehdi Salehi (distribution)", version: 1, updatedBy: null, createdAt: "2026-11-01T10:00:00.000Z", updatedAt: "2026-11-01T10:00:00.000Z" });
    old.rows = old.rows.filter((r) => r.itemId !== "team.co-owners").map((r) => ({ ...r, itemId: rename[r.itemId] ?? r.itemId }));
    return old;
  }

  test("imports, with the answers and rows under the new ids and the co-owners as a row of the new register", () => {
    const old = beforeTheMove(file1);
    expect(old.answers.some((a) => a.itemId === "deployment.task-co-owners")).toBe(true);
    const D = installation([{ email: PM, displayName: findUserByEmail(A.db, PM)!.displayName }]);
    try {
      const result = importProject(D.db, serialiseProjectFile(old), actorOf(D.db, PM));
      if (!result.ok) throw new Error(`refused: ${inEnglish(result.error)}`);
      const data = loadProjectData(D.db, result.projectId);
      const source = loadProjectData(A.db, sourceId);
      expect(data.answers.get("team.task-co-owners")?.value).toEqual(source.answers.get("team.task-co-owners")?.value);
      expect(data.answers.get("team.task-champions")?.value).toEqual(source.answers.get("team.task-champions")?.value);
      expect([...data.answers.keys()].filter((id) => id.startsWith("deployment.task-c") || id === "deployment.co-owners")).toEqual([]);
      expect((data.rows.get("team.champions") ?? []).map((r) => r.cells.name)).toEqual((source.rows.get("team.champions") ?? []).map((r) => r.cells.name));
      expect((data.rows.get("team.co-owners") ?? []).map((r) => r.cells.name)).toEqual(["Narges Rahimi (sales) and Mehdi Salehi (distribution)"]);
    } finally {
      D.cleanup();
    }
  });
});
