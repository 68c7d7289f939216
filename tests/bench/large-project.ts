/**
 * The benchmark's large project, written through the app's own data layer
 * (the same validated functions the pages use): the demo engagement grown to
 * 500 requirements, 60 team members and 40 goals, then 200 audit-heavy edits
 * (long answers and requirement rows edited again and again, so the history
 * keeps every long before/after).
 */
import { openDatabase, type Db } from "../../db/client.ts";
import { seedDemoProject, DEMO_USERS } from "../../db/seed-demo.ts";
import { addRow, saveAnswer, updateRow } from "../../app/domain/answers.server.ts";
import { loadProjectData } from "../../app/domain/projects.server.ts";
import { findUserByEmail } from "../../app/domain/auth.server.ts";
import { findItem } from "../../methodology/load.ts";
import { getPacks } from "../../methodology/registry.ts";
import type { Pack, QuestionItem, RegisterItem } from "../../methodology/schema.ts";
import type { Actor } from "../../app/domain/audit.server.ts";

export const LARGE = { requirements: 500, members: 60, goals: 40, edits: 200 } as const;

export type LargeProject = { projectId: number; pack: Pack; signInEmail: string; counts: { requirements: number; members: number; goals: number; auditEntries: number } };

/** A value for one register cell, valid for its column (choices cycle through the options). */
function cellValue(column: RegisterItem["columns"][number], i: number, refs: Map<string, number[]>): string | null {
  switch (column.type) {
    case "text":
      return `${column.id} ${i + 1}: ثبت سفارش فروشگاه از طریق CRM (store order ${i + 1})`.slice(0, column.maxLength);
    case "long-text":
      return `ردیف ${i + 1}. ویزیتور پیش از هر ویزیت آخرین سفارش‌ها و شکایت‌های باز فروشگاه را می‌بیند. Row ${i + 1}: the visit plan shows the store's last orders and open complaints.`.slice(0, column.maxLength);
    case "choice":
      return column.options[i % column.options.length]!.id;
    case "number":
      return String(Math.max(column.min ?? 1, Math.min(column.max ?? 5, (i % 5) + 1)));
    case "scale":
      return String(column.min + (i % (column.max - column.min + 1)));
    case "date":
      return `2027-${String((i % 12) + 1).padStart(2, "0")}-15`;
    case "ref": {
      const targets = refs.get(column.register) ?? [];
      return targets.length ? String(targets[i % targets.length]) : null;
    }
  }
}

function fill(db: Db, projectId: number, pack: Pack, itemId: string, total: number, by: Actor, refs: Map<string, number[]>) {
  const item = findItem(pack, itemId) as RegisterItem | undefined;
  if (item?.kind !== "register") throw new Error(`bench: ${itemId} is not a register of ${pack.id}@${pack.version}`);
  const existing = loadProjectData(db, projectId).rows.get(itemId) ?? [];
  const ids = existing.map((r) => r.id);
  for (let i = existing.length; i < total; i++) {
    const raw = Object.fromEntries(item.columns.map((c) => [c.id, cellValue(c, i, refs)]).filter(([, v]) => v !== null));
    const r = addRow(db, { projectId, item, raw, by });
    if (r.status !== "saved") throw new Error(`bench: a row of ${itemId} was refused: ${JSON.stringify(r)}`);
    ids.push(r.rowId!);
  }
  refs.set(itemId, ids);
  return item;
}

const paragraph = (n: number, edit: number) =>
  `ویرایش ${edit}: مشتری باید در هر نقطه تماس، از ویزیتور تا مرکز تماس، یک تصویر واحد از سابقه خود ببیند و پاسخ یکسان بگیرد. `.repeat(n) +
  `Edit ${edit}: every touchpoint shows the same customer record.`;

/** Creates the large project in `file` (a new database) and returns where it is. */
export function buildLargeProject(file: string): LargeProject {
  const db = openDatabase(file);
  try {
    const pack = getPacks().get("crm-implementation", "1.0.0");
    if (!pack) throw new Error("bench: the built-in crm-implementation@1.0.0 pack is missing");
    const projectId = seedDemoProject(db, pack);
    const pmEmail = DEMO_USERS.find((u) => u.role === "project-manager")!.email;
    const pm = findUserByEmail(db, pmEmail)!;
    const by: Actor = { id: pm.id, name: pm.displayName };
    const refs = new Map<string, number[]>();
    fill(db, projectId, pack, "goals.register", LARGE.goals, by, refs);
    fill(db, projectId, pack, "team.members", LARGE.members, by, refs);
    const requirements = fill(db, projectId, pack, "requirements.register", LARGE.requirements, by, refs);

    // 200 audit-heavy edits: half re-write long answers (about 3,000 characters
    // each, so every history entry carries two of them), half re-write
    // requirement rows with a long description.
    const longQuestions = pack.phases
      .flatMap((p) => p.steps.flatMap((s) => s.items))
      .filter((i): i is QuestionItem => i.kind === "question" && i.answer.type === "long-text")
      .slice(0, 5);
    if (longQuestions.length < 5) throw new Error("bench: the pack has fewer than 5 long-text questions");
    const rowIds = refs.get(requirements.id)!.slice(0, 20);
    const description = requirements.columns.find((c) => c.type === "long-text");
    for (let e = 0; e < LARGE.edits; e++) {
      if (e % 2 === 0) {
        const item = longQuestions[(e / 2) % longQuestions.length]!;
        const base = loadProjectData(db, projectId).answers.get(item.id)?.version ?? 0;
        const r = saveAnswer(db, { projectId, item, baseVersion: base, raw: paragraph(25, e), by });
        if (r.status !== "saved") throw new Error(`bench: edit ${e} of ${item.id} was refused: ${JSON.stringify(r)}`);
      } else {
        const rowId = rowIds[((e - 1) / 2) % rowIds.length]!;
        const row = loadProjectData(db, projectId).rows.get(requirements.id)!.find((x) => x.id === rowId)!;
        const cells = { ...row.cells, ...(description ? { [description.id]: paragraph(12, e).slice(0, description.type === "long-text" ? description.maxLength : 300) } : {}) };
        const r = updateRow(db, { projectId, item: requirements, rowId, baseVersion: row.version, raw: cells, by });
        if (r.status !== "saved") throw new Error(`bench: edit ${e} of requirement row ${rowId} was refused: ${JSON.stringify(r)}`);
      }
    }
    const data = loadProjectData(db, projectId);
    const auditEntries = db.$client.prepare("select count(*) as n from audit_log where project_id = ?").get(projectId) as { n: number };
    return {
      projectId,
      pack,
      signInEmail: pmEmail,
      counts: {
        requirements: data.rows.get("requirements.register")?.length ?? 0,
        members: data.rows.get("team.members")?.length ?? 0,
        goals: data.rows.get("goals.register")?.length ?? 0,
        auditEntries: auditEntries.n,
      },
    };
  } finally {
    db.$client.close();
  }
}
