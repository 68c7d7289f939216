/**
 * What two senior consultants checked when they read the scope document and
 * change-management plan of both completed engagements: the data tells one
 * story. A milestone is accepted by the person accountable for its
 * deliverables and falls after they are due; owners are on the team; the
 * tables a client reads have no blank cells; every impacted group is planned
 * for; communications in the past are not still "planned"; the Persian
 * budget agrees with its cap; Persian text is Persian.
 */
import { describe, expect, test } from "vitest";
import { allItems } from "#methodology/load.ts";
import { FIXTURE_TEXT } from "#tests/fixtures/deliverable-project.ts";
import { COMPLETED_ENGAGEMENTS as cases, useCompletedEngagements, type Seeded } from "#tests/fixtures/completed-engagements.ts";

const engagements = useCompletedEngagements();

type Row = { id: number; cells: Record<string, unknown> };
const rowsOf = (s: Seeded, id: string) => (s.data.rows.get(id) ?? []) as unknown as Row[];
const str = (v: unknown) => (v === undefined || v === null ? "" : String(v)).trim();
const columnsOf = (s: Seeded, id: string) => {
  const found = allItems(s.pack).find(({ item }) => item.id === id)?.item as { columns?: Array<{ id: string }> } | undefined;
  return (found?.columns ?? []).map((c) => c.id);
};

/** Tables read in the scope document and change-management plan whose every cell must be filled. */
const FULL_TABLES = [
  "goals.register",
  "requirements.register",
  "requirements.scope-in",
  "requirements.assumptions",
  "requirements.constraints",
  "requirements.data-conversion",
  "requirements.training-scope",
  "team.champions",
];

describe.each(cases)("the completed engagement ($lang) as the consultants read it", ({ lang }) => {
  test("has each milestone accepted by the person accountable for its deliverables, after they are due", () => {
    const s = engagements.get(lang)!;
    const deliverables = rowsOf(s, "requirements.deliverables");
    const raci = rowsOf(s, "requirements.raci");
    const problems: string[] = [];
    for (const m of rowsOf(s, "requirements.milestones")) {
      const names = str(m.cells.deliverables).split(/[,،]\s*/).map((n) => n.trim());
      for (const d of deliverables.filter((d) => names.includes(str(d.cells.deliverable)))) {
        const accountable = raci.filter((r) => Number(r.cells.deliverable) === d.id && r.cells.role === "accountable").map((r) => Number(r.cells.member));
        if (!accountable.includes(Number(m.cells["acceptance-by"]))) problems.push(`${m.cells.milestone}: ${d.cells.deliverable} accountable ${accountable} ≠ ${m.cells["acceptance-by"]}`);
        if (str(d.cells["due-date"]) > str(m.cells.date)) problems.push(`${m.cells.milestone} (${m.cells.date}): ${d.cells.deliverable} due ${d.cells["due-date"]}`);
      }
      if (/^All |^همه /.test(str(m.cells.deliverables))) problems.push(`${m.cells.milestone}: names no deliverables`);
    }
    expect(problems).toEqual([]);
  });

  test("leaves no blank cell in the tables a client reads as finished", () => {
    const s = engagements.get(lang)!;
    const blanks: string[] = [];
    for (const table of FULL_TABLES)
      for (const [i, r] of rowsOf(s, table).entries())
        for (const c of columnsOf(s, table)) if (!str(r.cells[c])) blanks.push(`${table}#${i + 1}.${c}`);
    expect(blanks).toEqual([]);
  });

  test("lists two or more risks, assumptions and champions, and no past communication as still planned", () => {
    const s = engagements.get(lang)!;
    expect(rowsOf(s, "requirements.risks").length).toBeGreaterThanOrEqual(3);
    expect(rowsOf(s, "requirements.assumptions").length).toBeGreaterThanOrEqual(3);
    expect(rowsOf(s, "team.champions").length).toBeGreaterThanOrEqual(2);
    const review = str(s.data.state.values.get("review.management-meeting-date"));
    const stale = rowsOf(s, "requirements.communication-plan").filter((r) => r.cells.status === "planned" && str(r.cells.timing) < review);
    expect(stale.map((r) => r.cells.message)).toEqual([]);
  });
});

describe("the English engagement (Alder & Finch)", () => {
  const s = () => engagements.get("en")!;
  const text = (table: string) => rowsOf(s(), table).map((r) => Object.values(r.cells).map(str).join(" | "));

  test("has every named owner, sponsor and representative on the team", () => {
    const team = new Set(rowsOf(s(), "team.members").map((r) => str(r.cells.name)));
    const named = [
      ...rowsOf(s(), "requirements.impacted-groups").map((r) => str(r.cells.sponsor)),
      ...rowsOf(s(), "team.unit-involvement").map((r) => str(r.cells.representative)),
    ];
    expect(named.filter((n) => !team.has(n))).toEqual([]);
  });

  test("plans resistance, communication, training and a champion for every impacted group", () => {
    const groups = rowsOf(s(), "requirements.impacted-groups");
    const resisted = new Set(rowsOf(s(), "requirements.resistance-management").map((r) => Number(r.cells.group)));
    const told = rowsOf(s(), "requirements.communication-plan").map((r) => str(r.cells.audience));
    const trained = rowsOf(s(), "requirements.training-scope").map((r) => str(r.cells.audience));
    const championed = rowsOf(s(), "team.champions").map((r) => str(r.cells.covers));
    const missing = groups.flatMap((g) => {
      const name = str(g.cells.group);
      return [
        resisted.has(g.id) ? "" : `${name}: resistance`,
        told.some((a) => a.includes(name)) ? "" : `${name}: communication`,
        trained.includes(name) ? "" : `${name}: training`,
        championed.includes(name) ? "" : `${name}: champion`,
      ].filter(Boolean);
    });
    expect(missing).toEqual([]);
  });

  test("tells one story of field scheduling, data migration, peak season, the bulletin and the launch date", () => {
    const roadmap = rowsOf(s(), "goals.roadmap");
    const stage2 = roadmap[1]!.cells;
    const scheduling = rowsOf(s(), "requirements.deliverables").find((d) => d.cells.deliverable === "Field engineer scheduling")!.cells;
    expect(str(scheduling["due-date"]) >= str(stage2.start) && str(scheduling["due-date"]) <= str(stage2.end)).toBe(true);
    const engineers = rowsOf(s(), "requirements.training-scope").find((r) => r.cells.audience === "Field service engineers")!.cells;
    expect(str(engineers["start-date"]) >= str(stage2.start)).toBe(true);
    // Engineers carry tablets, not phones.
    for (const table of ["requirements.deliverables", "requirements.dependencies", "requirements.resistance-management", "deployment.golive-risks"])
      expect(text(table).filter((t) => /\bphones?\b/i.test(t) && /engineer/i.test(t)), table).toEqual([]);
    // Migration: the deliverable names the three sources and the history the risk and the log describe.
    const migration = str(rowsOf(s(), "requirements.deliverables").find((d) => d.cells.deliverable === "Data migration")!.cells.description);
    expect(migration).toMatch(/ERP/);
    expect(migration).toMatch(/April 2024/);
    expect(migration).not.toMatch(/five years/);
    expect(text("requirements.risks").join(" ")).toMatch(/April 2024/);
    // One busy season, one bulletin frequency, one launch date.
    const all = [...s().data.state.values.values()].map((v) => JSON.stringify(v)).join(" ") + [...s().data.rows.values()].flat().map((r) => JSON.stringify(r.cells)).join(" ");
    expect(all).not.toMatch(/summer peak/i);
    expect(all).not.toMatch(/weekly bulletin/i);
    expect(text("requirements.sponsor-roadmap").join(" ")).not.toMatch(/2025-10-01/);
    // Each goal's target is reached no earlier than its stage starts; celebrated milestones say which target they meet.
    for (const g of rowsOf(s(), "goals.register")) {
      const stage = roadmap.find((r) => r.id === Number(g.cells.stage))!.cells;
      expect(str(g.cells["target-date"]) >= str(stage.start)).toBe(true);
    }
    expect(str(rowsOf(s(), "goals.register")[2]!.cells["target-date"])).toBe(str(rowsOf(s(), "goals.register")[0]!.cells["target-date"]));
    const ffix = rowsOf(s(), "review.milestones").find((m) => /First-time fix/.test(str(m.cells.milestone)))!.cells;
    expect(str(ffix.date)).toBe(str(rowsOf(s(), "goals.register")[3]!.cells["target-date"]));
    // The sponsor rides along with engineers when they are on tablets (wave 3), not before.
    const ride = rowsOf(s(), "requirements.sponsor-roadmap").find((r) => /Rides along/.test(str(r.cells.activity)))!.cells;
    const wave3 = rowsOf(s(), "deployment.rollout-waves").find((w) => /Wave 3/.test(str(w.cells.wave)))!.cells;
    expect(str(ride.when) >= str(wave3["start-date"])).toBe(true);
  });

  test("says the budget's currency", () => {
    expect(text("requirements.budget").join(" ")).toMatch(/£|GBP/);
  });
});

describe("the Persian engagement (Mehregan)", () => {
  const s = () => engagements.get("fa")!;

  test("has a budget within its stated cap", () => {
    const total = rowsOf(s(), "requirements.budget").reduce((n, r) => n + Number(r.cells.amount), 0);
    const cap = rowsOf(s(), "requirements.constraints").find((r) => r.cells.kind === "budget")!;
    const digits = str(cap.cells.constraint).replace(/[۰-۹]/g, (d) => String("۰۱۲۳۴۵۶۷۸۹".indexOf(d)));
    const billions = Number(/(\d+)\s*میلیارد/.exec(digits)?.[1]);
    expect(total / 1000).toBeLessThanOrEqual(billions);
  });

  test("writes its own text in Persian (English only where a test needs mixed text)", () => {
    const keep = new Set([...Object.values(FIXTURE_TEXT), "Leila Tehrani"]);
    const english: string[] = [];
    const persianLetters = /[\u0600-\u06FF]/;
    for (const [table, rows] of s().data.rows)
      for (const r of rows)
        for (const [col, v] of Object.entries(r.cells))
          if (typeof v === "string" && /[A-Za-z]{3,}\s+[A-Za-z]{2,}/.test(v) && !persianLetters.test(v) && !keep.has(v)) english.push(`${table}.${col}: ${v}`);
    for (const [id, v] of s().data.state.values) {
      const t = typeof v === "string" ? v : typeof v === "object" && v && "evidence" in v ? String((v as { evidence: unknown }).evidence) : "";
      if (/[A-Za-z]{3,}\s+[A-Za-z]{2,}/.test(t) && !persianLetters.test(t) && !keep.has(t)) english.push(`${id}: ${t}`);
    }
    expect(english).toEqual([]);
  });
});
