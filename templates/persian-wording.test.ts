/**
 * Finding 9 of the issue-18 review, outside the selection documents: the
 * vision minutes' research table names its columns in active voice, doer
 * first (the client's team asked the customers and wrote the answers), and
 * says plainly which answer the research informed.
 */
import { describe, expect, it } from "vitest";
import { documentText } from "#tests/setup/docx.ts";
import { useCompletedEngagements, type EngagementLang } from "#tests/fixtures/completed-engagements.ts";
import { getProject, loadProjectData } from "#app/domain/projects.server.ts";
import { exportDeliverable } from "#app/domain/deliverables.server.ts";
import type { DeliverableId } from "#templates/model.ts";

const engagements = useCompletedEngagements();
const actor = { id: null, name: "Test Consultant" };

async function text(lang: EngagementLang, id: DeliverableId): Promise<string> {
  const { db, id: projectId, pack } = engagements.get(lang);
  const file = await exportDeliverable({ db, project: getProject(db, projectId)!, pack, data: loadProjectData(db, projectId), id, lang, actor, renderer: null, draft: true });
  return documentText(file.buffer);
}

describe("the vision minutes' customer research", () => {
  it("Persian: «مشتریانی که از آن‌ها پرسیدیم» and «پاسخی که بر پایه آن نوشتیم», no passive, no calque", async () => {
    const fa = await text("fa", "vision-minutes");
    expect(fa).toContain("مشتریانی که از آن‌ها پرسیدیم");
    expect(fa).toContain("پاسخی که بر پایه آن نوشتیم");
    expect(fa).not.toContain("پرسیده شدند");
    expect(fa).not.toContain("پاسخی که پشتیبانی می‌کند");
  });
  it("English: 'Customers we asked' and 'The answer it informed'", async () => {
    const en = await text("en", "vision-minutes");
    expect(en).toContain("Customers we asked");
    expect(en).toContain("The answer it informed");
    expect(en).not.toContain("Answer it informs");
  });
});

describe("Persian document sentences name who acts (active voice, doer first; finding 9)", () => {
  it("the change-management plan, the review report and the scope document's fixed sentences", async () => {
    const all = [await text("fa", "change-management-plan"), await text("fa", "post-launch-review"), await text("fa", "scope-document")].join("\n");
    for (const passive of ["امتیاز می‌گیرد", "به زیان هدف شمرده می‌شود", "خوانده می‌شود", "برای این پروژه تعیین شده است", "متمرکز می‌شود"]) expect(all).not.toContain(passive);
    expect(all).toContain("تیم به هر هدف در هر معیار");
    expect(all).toContain("این گزارش شاخص هر هدف را در برابر مقدار مبنا");
  });
});

describe("one name for one thing across the method (new-user review, item 12)", () => {
  it("the customer-research step, its section heading and its panel all say 'What customers said' / «آنچه مشتریان گفتند»", async () => {
    const { getPacks } = await import("#methodology/registry.ts");
    const pack = getPacks().get("crm-implementation", "1.0.0")!;
    const step = pack.phases.flatMap((p) => p.steps).find((s) => s.items.some((i) => i.id === "vision.customer-research"))!;
    const item = step.items.find((i) => i.id === "vision.customer-research")!;
    expect([step.title.en, item.heading?.en]).toEqual(["What customers said", "What customers said"]);
    expect([step.title.fa, item.heading?.fa]).toEqual(["آنچه مشتریان گفتند", "آنچه مشتریان گفتند"]);
  });
  it("the firm of the four-perils story is 'a software firm' everywhere (the selection phase named it BMC)", async () => {
    const { getPacks } = await import("#methodology/registry.ts");
    const pack = getPacks().get("crm-implementation", "1.0.0")!;
    expect(JSON.stringify(pack)).not.toContain("BMC");
  });
});

describe("method settings in Persian (new-user review, item 10)", () => {
  it("asks for «عدد صحیح» and names each threshold as a plain noun phrase", async () => {
    const { getPacks } = await import("#methodology/registry.ts");
    const fa = (await import("#app/locales/fa.json", { with: { type: "json" } })).default as { methodSettings?: { range?: string } } & Record<string, unknown>;
    const range = JSON.stringify(fa);
    expect(range).toContain("عدد صحیح از {{min}} تا {{max}}.");
    expect(range).not.toContain("عددی درست");
    const titles = Object.fromEntries(getPacks().get("crm-implementation", "1.0.0")!.thresholds.map((t) => [t.id, t.title.fa]));
    expect(titles["readiness-gap-below"]).toBe("آستانه امتیاز آمادگی برای شکاف");
    expect(titles["outside-help-gaps"]).toBe("آستانه شمار شکاف‌ها برای توصیه کمک بیرونی");
  });
});

describe("the home page's note on where the method comes from (new-user review, item 12)", () => {
  it("opens with one short sentence a newcomer reads; the sources come after", async () => {
    const { getPacks } = await import("#methodology/registry.ts");
    const d = getPacks().get("crm-implementation", "1.0.0")!.description;
    expect(d.en.split(". ")[0]).toBe("Eight phases take a CRM (customer relationship management) implementation from forming the project team to the review after launch");
    expect(d.fa.split(". ")[0]).toBe("هشت فاز، پیاده‌سازی CRM (مدیریت ارتباط با مشتری) را از تشکیل تیم پروژه تا پایش پس از اجرا پیش می‌برند");
  });
});
