/**
 * Projects: creating, listing and loading a project with everything its pages need.
 */
import { and, asc, count, desc, eq, inArray, max, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "#db/client.ts";
import { preparedOnce, writeTransaction } from "#db/client.ts";
import { answers, auditLog, memberships, projects, registerRows, type ProjectRole, type ProjectRow } from "#db/schema.ts";
import { audit, SYSTEM_ACTOR, type Actor } from "./audit.server.ts";
import { addMember } from "./members.server.ts";
import { readSettings } from "./method-settings.server.ts";
import { getPacks } from "#methodology/registry.ts";
import type { Pack } from "#methodology/schema.ts";
import { msg, parseDateInput } from "#methodology/values.ts";
import { stripInvisible } from "./text-hygiene.ts";
import { projectProgress, type ProjectState } from "#methodology/progress.ts";

const required = (max: number) =>
  z
    .string({ error: msg("validation.required") })
    .overwrite(stripInvisible)
    .trim()
    .min(1, msg("validation.required"))
    .max(max, msg("validation.tooLong", { max }));

export const newProjectSchema = z.object({
  name: required(200),
  clientOrganisation: required(200),
  deliverableLanguage: z.enum(["fa", "en"], { error: msg("validation.unknownOption") }),
  startDate: z
    .string({ error: msg("validation.required") })
    .trim()
    .min(1, msg("validation.required"))
    .transform((raw, ctx) => {
      const iso = parseDateInput(raw);
      if (!iso) {
        ctx.addIssue({ code: "custom", message: msg("validation.badDate") });
        return z.NEVER;
      }
      return iso;
    }),
  pack: z
    .string({ error: msg("validation.required") })
    .refine((ref) => {
      const [id, version] = ref.split("@");
      return Boolean(id && version && getPacks().get(id, version));
    }, msg("validation.unknownOption")),
  description: z.string().overwrite(stripInvisible).max(2000, msg("validation.tooLong", { max: 2000 })).optional().default(""),
});
export type NewProject = z.output<typeof newProjectSchema>;

/**
 * Creates a project; its creator (when a person) becomes its project manager.
 */
export function createProject(
  db: Db,
  input: NewProject,
  opts: { isDemo?: boolean; creator?: { id: number; displayName: string; email: string } } = {},
): ProjectRow {
  const [packId, packVersion] = input.pack.split("@") as [string, string];
  const actor: Actor = opts.creator ? { id: opts.creator.id, name: opts.creator.displayName } : SYSTEM_ACTOR;
  return writeTransaction(db, (tx) => {
    const project = tx
      .insert(projects)
      .values({
        name: input.name,
        clientOrganisation: input.clientOrganisation,
        deliverableLanguage: input.deliverableLanguage,
        startDate: input.startDate,
        description: input.description,
        packId,
        packVersion,
        isDemo: opts.isDemo ?? false,
      })
      .returning()
      .get();
    audit(tx, actor, { projectId: project.id, action: "project.create", subject: project.name, after: { name: project.name, pack: `${packId}@${packVersion}` } }, project.createdAt);
    if (opts.creator) addMember(tx, actor, project.id, opts.creator, "project-manager", project.createdAt);
    return project;
  });
}

const projectById = preparedOnce((db) =>
  db
    .select()
    .from(projects)
    .where(eq(projects.id, sql.placeholder("id")))
    .prepare(),
);

export function getProject(db: Db, id: number): ProjectRow | undefined {
  return projectById(db).get({ id });
}

export function packOf(project: ProjectRow): Pack | undefined {
  return getPacks().get(project.packId, project.packVersion);
}

export type StoredAnswer = Readonly<{ value: unknown; version: number; updatedAt: string; updatedBy: string | null }>;
export type StoredRow = Readonly<{ id: number; position: number; cells: Readonly<Record<string, string | number | null>>; version: number; updatedAt: string; updatedBy?: string | null }>;

/** A project's answers and register rows. Shared between requests (see loadProjectData): read only. */
export type ProjectData = {
  readonly answers: ReadonlyMap<string, StoredAnswer>;
  readonly rows: ReadonlyMap<string, readonly StoredRow[]>;
  /** The project's own threshold values (method settings); absent keys use the pack's defaults. */
  readonly settings: ReadonlyMap<string, number>;
  readonly state: ProjectState;
};

/**
 * The id of a project's latest audit entry. Every change to its answers and
 * rows writes one in the same transaction (answers.server.ts; the trail is
 * append-only), so while this id stays the same, so does the content.
 */
const latestAuditId = preparedOnce((db) =>
  db
    .select({ id: max(auditLog.id) })
    .from(auditLog)
    .where(eq(auditLog.projectId, sql.placeholder("projectId")))
    .prepare(),
);

/** Loaded project data by connection and project, with the audit id it was loaded at (a few recent projects). */
const loaded = new WeakMap<Db["$client"], Map<number, { stamp: number; data: ProjectData }>>();
const LOADED_PROJECTS = 8;

function freezeDeep<T>(value: T): T {
  if (value && typeof value === "object" && !Object.isFrozen(value)) {
    for (const v of Object.values(value)) freezeDeep(v);
    Object.freeze(value);
  }
  return value;
}

/**
 * Everything a project page reads: answers and rows. Every project page (and
 * its layout) needs it, so it is kept between requests and read again only
 * when the project's audit trail has grown — a cheap indexed lookup instead
 * of parsing every answer and row on every request. The returned object is
 * shared: its arrays and values are frozen, and its maps are typed read-only.
 */
export function loadProjectData(db: Db, projectId: number): ProjectData {
  // Inside a transaction (a `tx` handle, no connection to key on) read afresh: what it sees may not be committed yet.
  if (!db.$client) return readProjectData(db, projectId);
  // The stamp is read before the content: a change committed in between
  // (by another process) makes the cached copy newer than its stamp, never older.
  const stamp = latestAuditId(db).get({ projectId })?.id ?? 0;
  let byProject = loaded.get(db.$client);
  if (!byProject) {
    byProject = new Map();
    loaded.set(db.$client, byProject);
  }
  const hit = byProject.get(projectId);
  if (hit && hit.stamp === stamp) {
    // Most recently used last.
    byProject.delete(projectId);
    byProject.set(projectId, hit);
    return hit.data;
  }
  const data = readProjectData(db, projectId);
  byProject.delete(projectId);
  byProject.set(projectId, { stamp, data });
  while (byProject.size > LOADED_PROJECTS) byProject.delete(byProject.keys().next().value!);
  return data;
}

/** Reads a project's answers and rows from the database (what loadProjectData does when its copy is stale). */
export function readProjectData(db: Db, projectId: number): ProjectData {
  const answerMap = new Map<string, StoredAnswer>();
  for (const a of db.select().from(answers).where(eq(answers.projectId, projectId)).all()) {
    answerMap.set(a.itemId, freezeDeep({ value: a.value, version: a.version, updatedAt: a.updatedAt, updatedBy: a.updatedBy }));
  }
  const rowMap = new Map<string, StoredRow[]>();
  const rowRecords = db
    .select()
    .from(registerRows)
    .where(eq(registerRows.projectId, projectId))
    .orderBy(asc(registerRows.itemId), asc(registerRows.position), asc(registerRows.id))
    .all();
  for (const r of rowRecords) {
    const list = rowMap.get(r.itemId) ?? [];
    list.push(freezeDeep({ id: r.id, position: r.position, cells: r.cells as StoredRow["cells"], version: r.version, updatedAt: r.updatedAt, updatedBy: r.updatedBy }));
    rowMap.set(r.itemId, list);
  }
  for (const list of rowMap.values()) Object.freeze(list);
  const values = new Map([...answerMap].map(([k, v]) => [k, v.value]));
  const rowCounts = new Map([...rowMap].map(([k, v]) => [k, v.length]));
  return { answers: answerMap, rows: rowMap, settings: readSettings(db, projectId), state: { values, rowCounts } };
}

export type ProjectSummary = {
  project: ProjectRow;
  role: ProjectRole;
  packTitle: Pack["title"] | null;
  required: number;
  requiredAnswered: number;
  /** The first phase whose required items are not all answered (null when all are). */
  currentPhase: { id: string; title: Pack["title"] } | null;
};

/** The projects a user is a member of, most recently changed first. */
export function listProjects(db: Db, userId: number): ProjectSummary[] {
  const rows = db
    .select({ project: projects, role: memberships.role })
    .from(projects)
    .innerJoin(memberships, and(eq(memberships.projectId, projects.id), eq(memberships.userId, userId)))
    .orderBy(desc(projects.updatedAt), desc(projects.id))
    .all();
  const states = progressStates(db, rows.map((r) => r.project.id));
  return rows.map(({ project, role }) => {
    const pack = packOf(project);
    if (!pack) return { project, role, packTitle: null, required: 0, requiredAnswered: 0, currentPhase: null };
    const progress = projectProgress(pack, states.get(project.id)!);
    const current = progress.find((p) => p.requiredAnswered < p.required);
    return {
      project,
      role,
      packTitle: pack.title,
      required: progress.reduce((n, p) => n + p.required, 0),
      requiredAnswered: progress.reduce((n, p) => n + p.requiredAnswered, 0),
      currentPhase: current ? { id: current.phase.id, title: current.phase.title } : null,
    };
  });
}

/**
 * What progress needs for several projects, in two queries: the answers, and
 * how many rows each register has (not the rows themselves).
 */
function progressStates(db: Db, projectIds: number[]): Map<number, ProjectState> {
  const states = new Map(projectIds.map((id) => [id, { values: new Map<string, unknown>(), rowCounts: new Map<string, number>() }]));
  if (projectIds.length === 0) return states;
  for (const a of db.select({ projectId: answers.projectId, itemId: answers.itemId, value: answers.value }).from(answers).where(inArray(answers.projectId, projectIds)).all()) {
    states.get(a.projectId)!.values.set(a.itemId, a.value);
  }
  const counts = db
    .select({ projectId: registerRows.projectId, itemId: registerRows.itemId, n: count() })
    .from(registerRows)
    .where(inArray(registerRows.projectId, projectIds))
    .groupBy(registerRows.projectId, registerRows.itemId)
    .all();
  for (const c of counts) states.get(c.projectId)!.rowCounts.set(c.itemId, c.n);
  return states;
}
