import { describe, expect, test } from "vitest";
import { i18nFor } from "#app/i18n.ts";
import { BUILT_IN_PACKS_DIR, allItems, loadPacks } from "#methodology/load.ts";
import type { ChecklistItem, RatingItem } from "#methodology/schema.ts";
import { answerFacts, displayValue } from "./display.ts";

const items = allItems(loadPacks([BUILT_IN_PACKS_DIR]).get("crm-implementation", "1.0.0")!).map((x) => x.item);
const checklist = items.find((i): i is ChecklistItem => i.kind === "checklist")!;
const rating = items.find((i): i is RatingItem => i.kind === "rating")!;
const { t } = i18nFor("en");

describe("answerFacts: the label and text pairs a printed page lists and displayValue joins", () => {
  test("a checklist: status always, owner, due date and evidence when given", () => {
    const value = { status: "done", owner: "Sara", dueDate: "2027-03-20", evidence: "Signed minutes" };
    const facts = answerFacts(checklist, value, "en", t);
    expect(facts.map(([label]) => label)).toEqual(["Status", "Owner", "Due date", "Evidence"].map((l) => expect.stringContaining(l)));
    expect(displayValue(checklist, value, "en", t)).toBe(facts.map(([l, v]) => `${l}: ${v}`).join("\n"));
    expect(answerFacts(checklist, { status: "todo" }, "en", t)).toHaveLength(1);
  });
  test("a rating: its score (or 'not scored' beside evidence), nothing when neither is given", () => {
    expect(answerFacts(rating, { evidence: "Survey" }, "en", t)).toEqual([[t("rating.score"), t("rating.notScored")], [t("rating.evidence"), "Survey"]]);
    expect(answerFacts(rating, {}, "en", t)).toEqual([]);
    expect(displayValue(rating, {}, "en", t)).toBe(t("common.empty"));
  });
});
