import { describe, expect, test } from "vitest";
import { i18nFor } from "#app/i18n.ts";
import { getPacks } from "#methodology/registry.ts";
import { findItem } from "#methodology/load.ts";
import type { AuditRow } from "#db/schema.ts";
import type { Item } from "#methodology/schema.ts";
import { historyLines } from "./history-view.server.ts";

const pack = getPacks().get("crm-implementation", "1.0.0")!;
const items: Record<string, Item> = { "goals.scores": findItem(pack, "goals.scores")! };
const entry = (over: Partial<AuditRow>): AuditRow => ({
  id: 1, projectId: 1, userId: 1, actorName: "سارا احمدی", actorEmail: null, importedFrom: null, at: "2026-12-05T05:00:00Z",
  action: "workshop.adopt", phaseId: "goals", itemId: "goals.scores", rowId: null, subject: "goal-scores", before: null, after: { session: 1, activity: 2, votes: 12 }, ...over,
});
const line = (lang: "fa" | "en", e: AuditRow) => {
  const [l] = historyLines([e], { lang, t: i18nFor(lang).t, items, refOptions: {} as never, phaseTitle: (id) => pack.phases.find((p) => p.id === id)?.title, emailShown: () => false });
  return { sentence: `${l!.actorName} ${l!.predicate.lead}${l!.predicate.what ?? ""}${l!.predicate.tail}`, after: l!.after };
};

describe("the history says a result came from the workshop and how many voted", () => {
  test("goal scores adopted, in Persian (doer first, Persian digits) and English", () => {
    expect(line("fa", entry({})).sentence).toBe("سارا احمدی «امتیاز اهداف بر پایه معیارها» را از کارگاه (۱۲ رأی) پذیرفت");
    expect(line("en", entry({ actorName: "Sara Ahmadi" })).sentence).toBe("Sara Ahmadi adopted “Goal scores against the criteria” from the workshop (12 votes)");
    expect(line("en", entry({})).after).toBeNull();
  });
  test("readiness ratings and a poll, which have no single item", () => {
    expect(line("en", entry({ actorName: "Sara Ahmadi", itemId: null, phaseId: "team", subject: "readiness", after: { votes: 1 } })).sentence).toBe("Sara Ahmadi adopted “the readiness scores” from the workshop (1 vote)");
    expect(line("fa", entry({ itemId: null, phaseId: "vision", subject: "poll", after: { votes: 7 } })).sentence).toBe("سارا احمدی «نتیجه نظرسنجی» را از کارگاه (۷ رأی) پذیرفت");
  });
  test("ideas are not votes: the line counts the people who sent them", () => {
    const ideas = { itemId: null, phaseId: "vision", subject: "ideas", after: { votes: 3 } };
    expect(line("en", entry({ actorName: "Sara Ahmadi", ...ideas })).sentence).toMatch(/from the workshop \(ideas from 3 people\)$/);
    expect(line("fa", entry(ideas)).sentence).toMatch(/را از کارگاه \(ایده‌های ۳ نفر\) پذیرفت$/);
  });
});
