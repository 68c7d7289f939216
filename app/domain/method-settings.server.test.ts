import { describe, expect, test } from "vitest";
import { demoProjectDatabase } from "#tests/setup/demo-project.ts";
import { projectHistory } from "./audit.server.ts";
import { loadProjectData } from "./projects.server.ts";
import { healthCheck } from "./health.ts";
import { methodSettings, resetThreshold, saveThreshold } from "./method-settings.server.ts";

const { db, projectId, pack } = demoProjectDatabase();
const by = { id: null, name: "Test" };

const version = (key: string) => methodSettings(db, pack, projectId).find((s) => s.threshold.id === key)!.version;
const save = (key: string, raw: string, baseVersion = version(key)) => saveThreshold(db, { projectId, pack, key, raw, baseVersion, by });

describe("a project's method settings", () => {
  test("every threshold of the pack is listed at its default, marked as Gambegam's or the source's", () => {
    const list = methodSettings(db, pack, projectId);
    expect(list.map((s) => s.threshold.id)).toEqual(pack.thresholds.map((x) => x.id));
    expect(list.every((s) => s.isDefault && s.version === 0)).toBe(true);
    expect(list.find((s) => s.threshold.id === "decided-segments")!.gambegams).toBe(true);
    expect(list.find((s) => s.threshold.id === "adoption-after-a-year")!.gambegams).toBe(false);
  });

  test("a saved value is what the checks read, with an entry in the history; a reset goes back to the default", () => {
    expect(save("overnight-window-days", "۱۴")).toMatchObject({ status: "saved", version: 1 });
    expect(loadProjectData(db, projectId).settings.get("overnight-window-days")).toBe(14);
    const [entry] = projectHistory(db, projectId, { limit: 1 }).entries;
    expect(entry).toMatchObject({ action: "setting.save", itemId: null, subject: "overnight-window-days", before: null, after: 14 });
    expect(resetThreshold(db, { projectId, pack, key: "overnight-window-days", baseVersion: 1, by })).toMatchObject({ status: "saved", version: 2 });
    expect(loadProjectData(db, projectId).settings.has("overnight-window-days")).toBe(false);
    expect(projectHistory(db, projectId, { limit: 1 }).entries[0]).toMatchObject({ action: "setting.reset", before: 14, after: null });
  });

  test("the health check follows the project's number", () => {
    const fired = () => healthCheck(pack, loadProjectData(db, projectId))!.findings.map((f) => f.rule.id);
    const before = fired().includes("requirements-before-strategy");
    // Asking for more decided segments than any project has makes the finding appear whenever requirements exist.
    save("decided-segments", "20");
    const rows = loadProjectData(db, projectId).rows.get("requirements.register") ?? [];
    expect(fired().includes("requirements-before-strategy")).toBe(rows.length > 0);
    resetThreshold(db, { projectId, pack, key: "decided-segments", baseVersion: version("decided-segments"), by });
    expect(fired().includes("requirements-before-strategy")).toBe(before);
  });

  test("out of range, not a whole number, unknown or stale: refused with a message, nothing written", () => {
    const stamp = projectHistory(db, projectId, { limit: 1 }).entries[0]!.id;
    expect(save("first-stage-share", "5")).toEqual({ status: "invalid", errors: { value: 'validation.tooSmall|{"min":10}' } });
    expect(save("first-stage-share", "101")).toEqual({ status: "invalid", errors: { value: 'validation.tooLarge|{"max":100}' } });
    expect(save("first-stage-share", "40.5")).toEqual({ status: "invalid", errors: { value: "validation.notAnInteger" } });
    expect(save("first-stage-share", "forty")).toEqual({ status: "invalid", errors: { value: "validation.notANumber" } });
    expect(save("first-stage-share", "")).toEqual({ status: "invalid", errors: { value: "validation.required" } });
    expect(save("no-such-threshold", "3", 0)).toMatchObject({ status: "unknown" });
    expect(save("first-stage-share", "50", 7)).toMatchObject({ status: "conflict", conflict: { theirsVersion: 0, theirs: null, yours: 50 } });
    expect(projectHistory(db, projectId, { limit: 1 }).entries[0]!.id).toBe(stamp);
    expect(loadProjectData(db, projectId).settings.has("first-stage-share")).toBe(false);
  });
});
