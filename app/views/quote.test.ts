/** A user's text quoted on a page (a sign-off comment, a reason): Persian guillemets on a Persian page (issue 20 review, finding 11). */
import { expect, test } from "vitest";
import { i18nFor } from "#app/i18n.ts";
import type { AuditRow } from "#db/schema.ts";
import { historyLines } from "./history-view.server.ts";
import { quoted, QUOTE_MARKS } from "./quote.ts";

test("a quoted comment reads «…» in Persian and “…” in English", () => {
  expect(quoted("تأیید می‌کنم", "fa")).toBe("«تأیید می‌کنم»");
  expect(quoted("Approved", "en")).toBe("“Approved”");
  expect(QUOTE_MARKS.fa).toEqual(["«", "»"]);
});

test("the project history quotes a sign-off comment with «…» on a Persian page", () => {
  const e: AuditRow = { id: 1, projectId: 1, userId: 1, actorName: "فرهاد کریمی", actorEmail: null, importedFrom: null, at: "2026-12-05T05:00:00Z", action: "signoff.approved", phaseId: "vision", itemId: null, rowId: null, subject: null, before: { status: "awaiting" }, after: { status: "signed", comment: "همان است که تصویب شد" } };
  const line = (lang: "fa" | "en") => historyLines([e], { lang, t: i18nFor(lang).t, items: {}, refOptions: {} as never, phaseTitle: () => undefined, emailShown: () => false })[0]!;
  expect(JSON.stringify(line("fa").after)).toContain("«همان است که تصویب شد»");
  expect(JSON.stringify(line("en").after)).toContain("“همان است که تصویب شد”");
});
