/**
 * The two completed engagements (the English demo "Alder & Finch" and the
 * completed Persian fixture): every phase signed and unchanged since, every
 * answerable item of the pack answered (or on a justified allow-list), and
 * the figures agreeing with each other as a client reading the documents
 * would check them.
 */
import { describe, expect, test } from "vitest";
import { getProject } from "#app/domain/projects.server.ts";
import { gateView, projectGates } from "#app/domain/signoff.server.ts";
import { allItems } from "#methodology/load.ts";
import { isItemAnswered, projectProgress } from "#methodology/progress.ts";
import { COMPLETED_ENGAGEMENTS, useCompletedEngagements, type Seeded } from "#tests/fixtures/completed-engagements.ts";

/**
 * Answerable items left unanswered on purpose, with why. Empty: every item of
 * the pack applies to both engagements (the English one marks localisation
 * "not applicable", which counts as answered).
 */
const NOT_APPLICABLE: Record<"en" | "fa", string[]> = { en: [], fa: [] };

const cases = COMPLETED_ENGAGEMENTS;
const engagements = useCompletedEngagements();

const rows = (s: Seeded, id: string) => (s.data.rows.get(id) ?? []).map((r) => r.cells as Record<string, unknown>);
const value = (s: Seeded, id: string) => s.data.state.values.get(id);

describe.each(cases)("the completed engagement ($lang)", ({ lang }) => {
  test("writes its deliverables in its language", () => {
    const s = engagements.get(lang);
    expect(getProject(s.db, s.id)!.deliverableLanguage).toBe(lang);
  });

  test("has every phase signed and unchanged since signing", () => {
    const s = engagements.get(lang);
    const gates = projectGates(s.db, s.id, s.pack);
    const states = s.pack.phases.map((p) => {
      const v = gateView(s.pack, p, gates, s.data);
      return `${p.id}: ${v.status}${v.changedSinceSignoff ? " (changed)" : ""}`;
    });
    expect(states).toEqual(s.pack.phases.map((p) => `${p.id}: signed`));
  });

  test("leaves no required item unanswered", () => {
    const s = engagements.get(lang);
    const missing = projectProgress(s.pack, s.data.state).flatMap((p) => p.missing.map((m) => m.item.id));
    expect(missing).toEqual([]);
  });

  test("answers every answerable item of the pack, apart from the justified allow-list", () => {
    const s = engagements.get(lang);
    const unanswered = allItems(s.pack)
      .filter(({ item }) => item.kind !== "info" && !isItemAnswered(item, s.data.state))
      .map(({ item }) => item.id);
    expect(unanswered).toEqual(NOT_APPLICABLE[lang]);
  });

  test("has signing dates in the method's order, the go decision before go-live, and go-live before the reviewed periods", () => {
    const s = engagements.get(lang);
    const gates = projectGates(s.db, s.id, s.pack);
    const signed = s.pack.phases.map((p) => gates.get(p.id)!.lastApproval!.at);
    expect(signed).toEqual([...signed].sort());
    const decision = value(s, "deployment.go-decision-date") as string;
    const goLive = value(s, "deployment.go-live-date") as string;
    expect(decision <= goLive).toBe(true);
    const periods = [...new Set(rows(s, "review.adoption").map((r) => String(r.period)))].sort();
    expect(periods).toHaveLength(2);
    expect(periods[0]! > goLive).toBe(true);
    for (const r of rows(s, "deployment.uat-results")) expect(String(r.date) <= decision).toBe(true);
    expect(String(value(s, "review.management-meeting-date")) > periods[1]!).toBe(true);
  });

  test("never counts more active users than licences, nor more licences than the group has people", () => {
    const s = engagements.get(lang);
    const sizes = new Map(rows(s, "requirements.impacted-groups").map((g) => [String(g.group), Number(g.people)]));
    for (const r of rows(s, "review.adoption")) {
      expect(Number(r.active), `${r.group} ${r.period}`).toBeLessThanOrEqual(Number(r.licensed));
      expect(sizes.has(String(r.group)), `${r.group} is an impacted group`).toBe(true);
      expect(Number(r.licensed)).toBeLessThanOrEqual(sizes.get(String(r.group))!);
    }
  });

  test("states a UAT pass rate equal to the share of recorded runs that passed", () => {
    const s = engagements.get(lang);
    const runs = rows(s, "deployment.uat-results");
    const passed = runs.filter((r) => r.result === "passed" || r.result === "passed-with-issues").length;
    expect(Number(value(s, "deployment.uat-pass-rate"))).toBe(Math.round((100 * passed) / runs.length));
  });

  test("has KPI actuals between baseline and target, each period closer to the target than the last", () => {
    const s = engagements.get(lang);
    const goals = s.data.rows.get("goals.register")!;
    for (const g of goals) {
      const base = Number(g.cells.baseline);
      const target = Number(g.cells.target);
      const actuals = rows(s, "review.kpi-actuals")
        .filter((a) => Number(a.goal) === g.id)
        .sort((a, b) => String(a.period).localeCompare(String(b.period)))
        .map((a) => Number(a.actual));
      let gap = Math.abs(target - base);
      for (const a of actuals) {
        const now = Math.abs(target - a);
        expect(now, `${g.cells.goal}: ${a}`).toBeLessThanOrEqual(gap);
        expect(Math.min(base, target) <= a && a <= Math.max(base, target), `${g.cells.goal}: ${a} between ${base} and ${target}`).toBe(true);
        gap = now;
      }
    }
  });

  test("trains no more people than each audience has, and marks no checklist task still to do", () => {
    const s = engagements.get(lang);
    const sizes = new Map(rows(s, "requirements.impacted-groups").map((g) => [String(g.group), Number(g.people)]));
    const attended = new Map<string, number>();
    for (const r of rows(s, "deployment.training-sessions")) attended.set(String(r.audience), (attended.get(String(r.audience)) ?? 0) + Number(r.attendees ?? 0));
    for (const [audience, n] of attended) if (sizes.has(audience)) expect(n, audience).toBeLessThanOrEqual(sizes.get(audience)!);
    const open = allItems(s.pack)
      .filter(({ item }) => item.kind === "checklist")
      .filter(({ item }) => !["done", "not-applicable"].includes((value(s, item.id) as { status?: string } | undefined)?.status ?? ""))
      .map(({ item }) => item.id);
    expect(open).toEqual([]);
  });
});
