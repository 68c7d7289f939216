/**
 * Diagrams Gambegam draws from a project's answers — the team structure and
 * the phased roadmap — as mermaid definitions, each with the same content as
 * a plain table (for accessibility, and for documents when no browser is
 * available to draw them). Pure: used by the pages and the Word deliverables.
 */
import { loc } from "#app/i18n.ts";
import { formatDate } from "#app/views/format.ts";
import { JALALI_AXIS } from "#app/views/jalali-axis.ts";
import { hasBothDirections, LTR_LETTER, RTL_STRONG } from "#app/views/direction.ts";
import type { Language, Pack, RegisterItem } from "#methodology/schema.ts";
import { findItem } from "#methodology/load.ts";
import { readGoals, readStages } from "#app/domain/planning.ts";

export type DiagramData = {
  rows: ReadonlyMap<string, ReadonlyArray<{ id: number; cells: Record<string, string | number | null> }>>;
};

export type GeneratedDiagram = {
  /** Mermaid text; null when there is nothing to draw. */
  definition: string | null;
  /** A picture Gambegam drew itself (SVG text, e.g. the roadmap timeline), shown as it is instead of a definition. */
  svg?: string | null;
  table: { columns: string[]; rows: string[][] };
};

const MAX_LABEL = 60;

/** Text made safe inside a quoted mermaid label. */
export function mermaidLabel(text: unknown): string {
  let s = String(text ?? "")
    .replace(/[\u0000-\u001F\u007F\u202A-\u202E\u2066-\u2069]/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  if ([...s].length > MAX_LABEL) s = [...s].slice(0, MAX_LABEL - 1).join("") + "…";
  // A label of both writing directions ("پیاده‌سازی CRM مهرگان") is isolated (FSI … PDI), so that
  // it reads in its own direction whatever the diagram's: otherwise its words swap places.
  if (hasBothDirections(s)) s = `\u2068${s}\u2069`;
  return s.replace(/#/g, "#35;").replace(/"/g, "#quot;").replace(/</g, "#lt;").replace(/>/g, "#gt;") || " ";
}

/**
 * User text inside a picture of the language's direction, isolated (FSI … PDI) when it has letters
 * of the other direction, so it cannot reorder what is written around it.
 */
export function isolatedFor(label: string, lang: Language): string {
  const bare = label.replace(/[\u2066-\u2069]/g, "");
  return (lang === "fa" ? LTR_LETTER : RTL_STRONG).test(bare) ? `\u2068${bare}\u2069` : bare;
}

const text = (v: unknown) => (v === null || v === undefined ? "" : String(v));

const LABELS = {
  fa: { role: "نقش", member: "عضو", unit: "واحد", phase: "فاز", start: "شروع", end: "پایان", goal: "هدف", targetDate: "تاریخ هدف", unassigned: "بدون نقش", noStage: "بدون مرحله" },
  en: { role: "Role", member: "Member", unit: "Unit", phase: "Phase", start: "Start", end: "End", goal: "Goal", targetDate: "Target date", unassigned: "No role", noStage: "No stage" },
} as const;

/** The project team: the project at the root, its roles, and who fills each. */
export function teamStructure(pack: Pack, data: DiagramData, lang: Language, projectName: string): GeneratedDiagram {
  const L = LABELS[lang];
  const team = pack.team;
  const reg = team ? (findItem(pack, team.register) as RegisterItem | undefined) : undefined;
  const roleCol = reg?.columns.find((c) => c.id === team?.roleColumn);
  const rows = team ? (data.rows.get(team.register) ?? []) : [];
  const table = { columns: [L.role, L.member, L.unit], rows: [] as string[][] };
  if (!team || !reg || rows.length === 0) return { definition: null, table };
  const roleLabel = (id: string) => (roleCol?.type === "choice" ? loc(roleCol.options.find((o) => o.id === id)?.label, lang) : "") || id || L.unassigned;
  const groups = new Map<string, typeof rows[number][]>();
  for (const r of rows) {
    const key = text(r.cells[team.roleColumn]);
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  const order = [...team.roles.map((r) => r.id), ...[...groups.keys()].filter((k) => !team.roles.some((r) => r.id === k))];
  const lines = [lang === "fa" ? "flowchart RL" : "flowchart LR", `  project["${mermaidLabel(projectName)}"]`];
  let g = 0;
  for (const roleId of order) {
    const members = groups.get(roleId);
    if (!members) continue;
    g++;
    lines.push(`  role${g}["${mermaidLabel(roleLabel(roleId))}"]`, `  project --> role${g}`);
    members.forEach((m, i) => {
      const name = text(m.cells.name) || `#${m.id}`;
      const unit = text(m.cells.unit);
      lines.push(`  m${g}x${i}["${mermaidLabel(unit ? `${name} — ${unit}` : name)}"]`, `  role${g} --> m${g}x${i}`);
      table.rows.push([roleLabel(roleId), name, unit]);
    });
  }
  lines.push("  classDef root font-weight:bold", "  class project root");
  return { definition: lines.join("\n"), table };
}

/**
 * The phased roadmap as a Gantt chart: one bar per roadmap stage with dates,
 * and each goal with a target date as a milestone in the stage it is
 * assigned to (goals of an undated stage, or of none, get their own
 * section). Dates in labels are written in the reader's calendar (Jalali in
 * Persian). Null definition when nothing has a date to draw.
 */
/** Drawn once per project data (shared while the project does not change), language and title. */
const roadmaps = new WeakMap<DiagramData, Map<string, GeneratedDiagram>>();

export function roadmapGantt(pack: Pack, data: DiagramData, lang: Language, title: string): GeneratedDiagram {
  let byKey = roadmaps.get(data);
  if (!byKey) {
    byKey = new Map();
    roadmaps.set(data, byKey);
  }
  const key = `${pack.id}@${pack.version}|${lang}|${title}`;
  let diagram = byKey.get(key);
  if (!diagram) {
    diagram = drawRoadmap(pack, data, lang, title);
    byKey.set(key, diagram);
  }
  return diagram;
}

function drawRoadmap(pack: Pack, data: DiagramData, lang: Language, title: string): GeneratedDiagram {
  const L = LABELS[lang];
  const planning = pack.planning;
  const table = { columns: [L.phase, L.start, L.end, L.goal, L.targetDate], rows: [] as string[][] };
  if (!planning) return { definition: null, table };
  const answers = { answers: new Map(), rows: data.rows };
  const stages = readStages(planning, answers);
  const goals = readGoals(planning, answers);
  const stageIds = new Set(stages.map((s) => s.id));
  // Mermaid's axis can only write Gregorian dates: a Persian chart writes each
  // tick as an ISO date and marks itself, and labelAxisTicks rewrites the
  // ticks as Jalali dates once it is drawn (in the browser and for Word alike).
  const lines = ["gantt", `  title ${mermaidLabel(title).replace(/[:;]/g, " ")}`, "  dateFormat YYYY-MM-DD", ...(lang === "fa" ? ["  axisFormat %Y-%m-%d", JALALI_AXIS] : ["  axisFormat %b %Y"]), "  todayMarker off"];
  let drawn = 0;
  let milestone = 0;
  const section = (name: string, bar: string | null, members: typeof goals) => {
    const dated = members.filter((g) => g.targetDate);
    if (!bar && !dated.length) return;
    lines.push(`  section ${sectionName(name)}`);
    if (bar) lines.push(bar);
    for (const g of dated) lines.push(`  ${taskName(g.name)} :milestone, g${milestone++}, ${g.targetDate}, 0d`);
    drawn++;
  };
  for (const stage of stages) {
    const members = goals.filter((g) => g.stageId === stage.id);
    table.rows.push([stage.name, formatDate(stage.start, lang), formatDate(stage.end, lang), "", ""]);
    for (const g of members) table.rows.push(["", "", "", g.name, formatDate(g.targetDate, lang)]);
    const ok = stage.start && stage.end && stage.end >= stage.start;
    const range = ok ? `${formatDate(stage.start, lang, "short")} – ${formatDate(stage.end, lang, "short")}` : "";
    // The name is its own isolate: a Persian name would otherwise pull the Latin digits after it into its
    // right-to-left run, and an English chart would read the range end first.
    section(stage.name, ok ? `  ${isolatedFor(taskName(stage.name), lang)} (${range}) :p${stage.index}, ${stage.start}, ${stage.end}` : null, members);
  }
  const unassigned = goals.filter((g) => g.stageId === null || !stageIds.has(g.stageId));
  if (unassigned.length) {
    table.rows.push([L.noStage, "", "", "", ""]);
    for (const g of unassigned) table.rows.push(["", "", "", g.name, formatDate(g.targetDate, lang)]);
    section(L.noStage, null, unassigned);
  }
  return { definition: drawn ? lines.join("\n") : null, table };
}

/** Gantt task and section names cannot hold ':', ';' or '#'. */
function taskName(s: string): string {
  return mermaidLabel(s).replace(/#[a-z0-9]+;/g, " ").replace(/[:;#]/g, " ").trim() || "-";
}

function sectionName(s: string): string {
  return taskName(s);
}
