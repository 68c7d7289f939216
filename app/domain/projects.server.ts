/**
 * Projects: creating, listing and loading a project with everything its pages need.
 */
import { asc, desc, eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "#db/client.ts";
import { writeTransaction } from "#db/client.ts";
import { answers, projects, registerRows, type ProjectRow } from "#db/schema.ts";
import { getPacks } from "#methodology/registry.ts";
import type { Pack } from "#methodology/schema.ts";
import { msg, parseDateInput } from "#methodology/values.ts";
import { projectProgress, type ProjectState } from "#methodology/progress.ts";

const required = (max: number) =>
  z
    .string({ error: msg("validation.required") })
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
  description: z.string().max(2000, msg("validation.tooLong", { max: 2000 })).optional().default(""),
});
export type NewProject = z.output<typeof newProjectSchema>;

export function createProject(db: Db, input: NewProject, opts: { isDemo?: boolean } = {}): ProjectRow {
  const [packId, packVersion] = input.pack.split("@") as [string, string];
  return writeTransaction(db, (tx) =>
    tx
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
      .get(),
  );
}

export function getProject(db: Db, id: number): ProjectRow | undefined {
  return db.select().from(projects).where(eq(projects.id, id)).get();
}

export function packOf(project: ProjectRow): Pack | undefined {
  return getPacks().get(project.packId, project.packVersion);
}

export type StoredAnswer = { value: unknown; version: number; updatedAt: string; updatedBy: string | null };
export type StoredRow = { id: number; position: number; cells: Record<string, string | number | null>; version: number; updatedAt: string };

export type ProjectData = {
  answers: Map<string, StoredAnswer>;
  rows: Map<string, StoredRow[]>;
  state: ProjectState;
};

export function loadProjectData(db: Db, projectId: number): ProjectData {
  const answerMap = new Map<string, StoredAnswer>();
  for (const a of db.select().from(answers).where(eq(answers.projectId, projectId)).all()) {
    answerMap.set(a.itemId, { value: a.value, version: a.version, updatedAt: a.updatedAt, updatedBy: a.updatedBy });
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
    list.push({ id: r.id, position: r.position, cells: r.cells as StoredRow["cells"], version: r.version, updatedAt: r.updatedAt });
    rowMap.set(r.itemId, list);
  }
  const values = new Map([...answerMap].map(([k, v]) => [k, v.value]));
  const rowCounts = new Map([...rowMap].map(([k, v]) => [k, v.length]));
  return { answers: answerMap, rows: rowMap, state: { values, rowCounts } };
}

export type ProjectSummary = {
  project: ProjectRow;
  packTitle: Pack["title"] | null;
  required: number;
  requiredAnswered: number;
  /** The first phase whose required items are not all answered (null when all are). */
  currentPhase: { id: string; title: Pack["title"] } | null;
};

export function listProjects(db: Db): ProjectSummary[] {
  const rows = db.select().from(projects).orderBy(desc(projects.updatedAt), desc(projects.id)).all();
  return rows.map((project) => {
    const pack = packOf(project);
    if (!pack) return { project, packTitle: null, required: 0, requiredAnswered: 0, currentPhase: null };
    const progress = projectProgress(pack, loadProjectData(db, project.id).state);
    const current = progress.find((p) => p.requiredAnswered < p.required);
    return {
      project,
      packTitle: pack.title,
      required: progress.reduce((n, p) => n + p.required, 0),
      requiredAnswered: progress.reduce((n, p) => n + p.requiredAnswered, 0),
      currentPhase: current ? { id: current.phase.id, title: current.phase.title } : null,
    };
  });
}
