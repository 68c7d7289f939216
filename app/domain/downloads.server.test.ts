import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tempDatabase } from "#tests/setup/db.ts";
import { seedEngagement } from "#db/seed-engagement.ts";
import { getPacks } from "#methodology/registry.ts";
import { getProject, loadProjectData } from "#app/domain/projects.server.ts";
import { deliverableInput } from "./deliverables.server.ts";
import { readDownloadForm } from "./downloads.server.ts";

const pack = getPacks().get("crm-implementation", "1.0.0")!;
let env: ReturnType<typeof tempDatabase>;
let projectId: number;
beforeAll(() => {
  env = tempDatabase();
  projectId = seedEngagement(env.db, pack, {
    project: { name: "Draft test", clientOrganisation: "Alder & Finch Appliances Ltd", deliverableLanguage: "en", startDate: "2025-09-01", description: "" },
    people: [{ email: "d.osei@alderfinch.example", displayName: "Daniel Osei", role: "project-manager" }],
    answers: {},
    rows: {},
  });
});
afterAll(() => env.cleanup());

describe("the download form's draft choice", () => {
  it("is a draft only when the box is ticked; other values and a field sent twice are refused with their own message", () => {
    expect(readDownloadForm({ intent: "download", lang: "en", draft: "true" })).toEqual({ ok: true, choice: { lang: "en", draft: true } });
    expect(readDownloadForm({ intent: "download", lang: "fa" })).toEqual({ ok: true, choice: { lang: "fa", draft: false } });
    for (const draft of ["on", "false", "", ["true", "true"]]) expect(readDownloadForm({ intent: "download", lang: "en", draft })).toEqual({ ok: false, error: "documents.errors.badDraft" });
    expect(readDownloadForm({ intent: "download", lang: "de", draft: "true" })).toEqual({ ok: false, error: "documents.errors.badLanguage" });
  });

  it("reaches the builder's input as `draft: true`, and leaves it out otherwise", async () => {
    const project = getProject(env.db, projectId)!;
    const req = { db: env.db, project, pack, data: loadProjectData(env.db, projectId), id: "vision-minutes" as const, lang: "en" as const, actor: { id: null, name: "Test" }, renderer: null };
    expect((await deliverableInput({ ...req, draft: true })).draft).toBe(true);
    expect((await deliverableInput(req)).draft).toBeUndefined();
  });
});
