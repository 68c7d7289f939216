/**
 * The documents that print a threshold say the value used and whose number it
 * is (decision 035): the method's default (a document names no product,
 * decision 023), the source's figure, or this project's own — never the
 * method's number beside a seed quotation as if the source gave it.
 */
import { describe, expect, it } from "vitest";
import { documentText } from "#tests/setup/docx.ts";
import { useCompletedEngagements, type EngagementLang } from "#tests/fixtures/completed-engagements.ts";
import { getProject, loadProjectData } from "#app/domain/projects.server.ts";
import { exportDeliverable } from "#app/domain/deliverables.server.ts";
import { methodSettings, resetThreshold, saveThreshold } from "#app/domain/method-settings.server.ts";
import type { DeliverableId } from "#templates/model.ts";

const engagements = useCompletedEngagements();
const actor = { id: null, name: "Test Consultant" };

async function text(lang: EngagementLang, id: DeliverableId): Promise<string> {
  const { db, id: projectId, pack } = engagements.get(lang);
  const file = await exportDeliverable({ db, project: getProject(db, projectId)!, pack, data: loadProjectData(db, projectId), id, lang, actor, renderer: null, draft: true });
  return documentText(file.buffer);
}

function set(lang: EngagementLang, key: string, value: string | null) {
  const { db, id: projectId, pack } = engagements.get(lang);
  const baseVersion = methodSettings(db, pack, projectId).find((s) => s.threshold.id === key)!.version;
  const r = value === null ? resetThreshold(db, { projectId, pack, key, baseVersion, by: actor }) : saveThreshold(db, { projectId, pack, key, raw: value, baseVersion, by: actor });
  expect(r.status).toBe("saved");
}

describe("the change-management plan states the readiness thresholds it used, and whose they are, in plain sentences", () => {
  it("at the defaults: one sentence per figure, then that they are working thresholds, not published benchmarks (en, fa)", async () => {
    const en = await text("en", "change-management-plan");
    expect(en).toContain("A topic scoring below 3 is treated as a gap this plan must close, and from 3 gaps on, outside help is advised.");
    expect(en).toContain("Both are working thresholds set for this project, not published benchmarks.");
    expect(en).not.toMatch(/this method|the sources|Threshold set for this project/);
    const fa = await text("fa", "change-management-plan");
    expect(fa).toContain("موضوعی که نمره‌اش کمتر از ۳ باشد شکافی است که این برنامه باید ببندد");
    expect(fa).toContain("تیم پروژه این دو آستانه کاری را برای همین پروژه گذاشته است؛ معیارهای منتشرشده نیستند.");
    expect(fa).not.toMatch(/این متدولوژی|نه از منابع|آستانه تعیین‌شده برای این پروژه/);
  });

  it("a project's own number is the one applied and printed, with the usual figure beside it", async () => {
    set("en", "readiness-gap-below", "4");
    const en = await text("en", "change-management-plan");
    expect(en).toContain("A topic scoring below 4 is treated as a gap");
    expect(en).toContain("Readiness score below which a topic is a gap — 4 for this project (the usual working figure is 3).");
    set("en", "readiness-gap-below", null);
  });
});

describe("the post-launch review report names the article its adoption reference comes from, and whose staff", () => {
  it("the article's figures are one firm's sales and marketing staff; applying them to every group is a working assumption (en, fa)", async () => {
    const en = await text("en", "post-launch-review");
    expect(en).toContain("Adoption reference six months after go-live — 80%, the article's figure.");
    expect(en).toContain('The 2002 article "Avoid the four perils of CRM" gives the figures: six months after a software firm relaunched its CRM system, 80% of its own sales and marketing staff were using it, and 95% a year after the relaunch.');
    expect(en).toContain("Applying these figures to every user group, counted from this project's go-live, is a working assumption for this project, not the article's finding.");
    expect(en).not.toMatch(/the source's|this method|Threshold set for this project/);
    const fa = await text("fa", "post-launch-review");
    expect(fa).toContain("مرجع پذیرش و به‌کارگیری شش ماه پس از استقرار — ۸۰٪، رقم مقاله.");
    expect(fa).toContain("یک سال پس از راه‌اندازی ۹۵٪");
    expect(fa).toContain("مقاله «از چهار خطر CRM دوری کنید» (۲۰۰۲)");
    expect(fa).not.toMatch(/سیستم|داستان منبع|این متدولوژی|رقم منبع/);
  });

  it("a project's own reference is compared with and printed as the project's", async () => {
    set("en", "adoption-after-six-months", "60");
    const en = await text("en", "post-launch-review");
    expect(en).toContain("Adoption reference six months after go-live — 60%, set for this project (the article's figure is 80%).");
    expect(en).toMatch(/60%, six months after go-live/);
    set("en", "adoption-after-six-months", null);
  });
});
