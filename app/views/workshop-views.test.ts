/**
 * The projector's goal-scoring chart with many goals (issue 19, known gap):
 * fifteen goals × four criteria must fit a projector's screen, a page of goals
 * at a time, each page drawn at full width so its labels stay 20 px or more.
 */
import { expect, test } from "vitest";
import type { ActivitySubjects, Summary } from "#app/domain/workshop.ts";
import { activityResultView, goalPages } from "./workshop-views.ts";

const goalNames = ["Raise cross-selling to chain stores", "Answer customer calls faster", "One customer record across all branches", "Better monthly sales forecasts", "Convert more leads into customers", "Cut the cost of field visits", "Raise satisfaction after a complaint is closed within two days", "Launch a loyalty scheme for stores", "Reduce overdue receivables", "Make field sales reps more productive", "A daily sales report for managers", "Fewer order-entry errors", "Grow the share of new products", "کاهش نرخ ریزش مشتری", "کاهش زمان رسیدگی به شکایت"];
const subjects: ActivitySubjects = {
  kind: "goal-scores",
  mode: "criteria",
  goals: goalNames.map((label, i) => ({ id: String(i + 1), label })),
  criteria: ["Value to customers and the business", "Effort", "Risk", "Fit with strategy"].map((label, i) => ({ id: `c${i}`, label })),
};
const stats = { n: 6, median: 3, q1: 2, q3: 4, spread: 2, min: 1, max: 5 };
const summary: Summary = { kind: "goal-scores", mode: "criteria", voters: 6, cells: subjects.goals.flatMap((g) => subjects.criteria.map((c) => ({ goalId: g.id, criterionId: c.id, stats }))) };

const viewBox = (svg: string) => /viewBox="0 0 ([\d.]+) ([\d.]+)"/.exec(svg)!.slice(1).map(Number) as [number, number];
const smallest = (svg: string) => Math.min(...[...svg.matchAll(/font-size="([\d.]+)"/g)].map((m) => Number(m[1])));

// The chart's width and the height left for it under the projector's head, in px (measured in Chromium).
const screens = [
  { name: "1920 × 1080", width: 1856, height: 700, pages: 3 },
  { name: "1366 × 768", width: 1302, height: 405, pages: 4 },
];

for (const screen of screens) {
  test(`15 goals × 4 criteria at ${screen.name}: every goal on some page, each page fits the screen with labels of 20 px or more`, () => {
    const scale = screen.width / 1200;
    const pages = goalPages(subjects, screen.height / scale);
    expect(pages.length).toBeGreaterThan(1);
    expect(pages.length).toBeLessThanOrEqual(screen.pages);
    expect(pages.flatMap((p) => goalNames.slice(p.from, p.to))).toEqual(goalNames);
    for (const page of pages) {
      for (const lang of ["en", "fa"] as const) {
        const svg = activityResultView(subjects, summary, lang, page)!.svg!;
        const [w, h] = viewBox(svg);
        expect(h * (screen.width / w), `page ${page.from + 1}–${page.to} in ${lang}`).toBeLessThanOrEqual(screen.height);
        expect(smallest(svg) * (screen.width / w)).toBeGreaterThanOrEqual(20);
        for (const g of goalNames.slice(page.from, page.to)) expect(svg).toContain(g.split(" ")[0]);
      }
    }
  });
}

test("a page draws only its goals; the table keeps every goal × criterion", () => {
  const view = activityResultView(subjects, summary, "en", { from: 0, to: 5 })!;
  expect(view.svg).toContain("Raise cross-selling");
  expect(view.svg).not.toContain("Grow the share");
  expect(view.table.rows).toHaveLength(60);
});
