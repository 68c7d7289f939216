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

describe("the change-management plan states the readiness thresholds it used, and whose they are", () => {
  it("at the defaults: the method's own, not the sources' — a client's document names no product (en, fa)", async () => {
    const en = await text("en", "change-management-plan");
    expect(en).toContain("Readiness score below which a topic is a gap: 3 (this method's default, not from the sources)");
    expect(en).toContain("Gaps from which outside help is advised: 3 gaps (this method's default, not from the sources)");
    const fa = await text("fa", "change-management-plan");
    expect(fa).toContain("امتیاز آمادگی که کمتر از آن شکاف است: ۳ (پیش‌فرض این متدولوژی، نه از منابع)");
  });

  it("a project's own number is the one applied and printed, with the default beside it", async () => {
    set("en", "readiness-gap-below", "4");
    const en = await text("en", "change-management-plan");
    expect(en).toContain("Topics below 4 are gaps");
    expect(en).toContain("Readiness score below which a topic is a gap: 4 (set for this project; this method's default, not from the sources, is 3)");
    set("en", "readiness-gap-below", null);
  });
});

describe("the post-launch review report says whose adoption reference it is", () => {
  it("the source's figures are one firm's sales and marketing staff; applying them to every group is the method's reading (en, fa)", async () => {
    const en = await text("en", "post-launch-review");
    expect(en).toContain("Adoption reference six months after go-live: 80% (the source's figure)");
    expect(en).toMatch(/80% of its sales and marketing staff/);
    expect(en).toContain("Applying the figure to every user group, counted from this project's go-live, is this method's reading, not the source's.");
    expect(en).not.toContain("success story: 80%");
    const fa = await text("fa", "post-launch-review");
    expect(fa).toContain("مرجع پذیرش و به‌کارگیری شش ماه پس از استقرار: ۸۰٪ (رقم منبع)");
    expect(fa).toContain("برداشت این متدولوژی است، نه گفته منبع");
    expect(fa).not.toContain("در نمونه موفق منابع");
  });

  it("a project's own reference is compared with and printed as the project's", async () => {
    set("en", "adoption-after-six-months", "60");
    const en = await text("en", "post-launch-review");
    expect(en).toContain("Adoption reference six months after go-live: 60% (set for this project; the source's figure is 80%)");
    expect(en).toMatch(/60%, six months after go-live/);
    set("en", "adoption-after-six-months", null);
  });
});
