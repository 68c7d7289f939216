/**
 * The project file carries a project's own thresholds (decision 035): they
 * come back on import, a file with a bad one is refused with nothing written,
 * and a file written before there were method settings still imports.
 */
import { beforeAll, describe, expect, test } from "vitest";
import { demoProjectDatabase } from "#tests/setup/demo-project.ts";
import { insertUser } from "./auth.server.ts";
import { loadProjectData } from "./projects.server.ts";
import { methodSettings, saveThreshold } from "./method-settings.server.ts";
import { exportProject, importProject, type ProjectFile } from "./project-transfer.server.ts";

const { db, projectId, pack } = demoProjectDatabase();
let importer: { id: number; name: string; email: string };
beforeAll(() => {
  saveThreshold(db, { projectId, pack, key: "first-stage-share", raw: "55", baseVersion: 0, by: { id: null, name: "Test" } });
  const u = insertUser(db, { email: "importer@example.test", displayName: "Importer" }, "not-a-real-password-hash");
  importer = { id: u.id, name: u.displayName, email: u.email };
});

const projectCount = () => (db.$client.prepare("SELECT count(*) AS n FROM projects").get() as { n: number }).n;

describe("method settings in the project file", () => {
  test("are exported, and imported as the project's own values with their version", () => {
    const file = exportProject(db, projectId);
    expect(file.settings).toEqual([expect.objectContaining({ key: "first-stage-share", value: 55, version: 1, updatedBy: "Test" })]);
    const r = importProject(db, JSON.parse(JSON.stringify(file)), importer);
    expect(r.ok).toBe(true);
    const id = (r as { projectId: number }).projectId;
    expect(loadProjectData(db, id).settings.get("first-stage-share")).toBe(55);
    expect(methodSettings(db, pack, id).find((s) => s.threshold.id === "first-stage-share")).toMatchObject({ value: 55, isDefault: false, version: 1 });
  });

  test("a file without settings (written before them) imports at the defaults", () => {
    const { settings: _, ...old } = exportProject(db, projectId) as ProjectFile & { settings?: unknown };
    const r = importProject(db, JSON.parse(JSON.stringify(old)), importer);
    expect(r.ok).toBe(true);
    expect(loadProjectData(db, (r as { projectId: number }).projectId).settings.size).toBe(0);
  });

  test.each([
    ["an unknown threshold", { key: "no-such-threshold", value: 3 }, "transfer.errors.unknownSetting"],
    ["a value out of range", { key: "first-stage-share", value: 5 }, "transfer.errors.badSetting"],
    ["a value that is not a whole number", { key: "first-stage-share", value: 40.5 }, "transfer.issue"],
  ])("%s is refused, nothing written", (_label, setting, error) => {
    const file = JSON.parse(JSON.stringify(exportProject(db, projectId)));
    file.settings = [{ ...file.settings[0], ...setting }];
    const before = projectCount();
    const r = importProject(db, file, importer);
    expect(r.ok).toBe(false);
    expect((r as { error: string }).error).toContain(error);
    expect(projectCount()).toBe(before);
  });
});
