/**
 * The phase gate on a real database: the fingerprint binds to content, the
 * diff names what changed, and every transition is refused when it should be.
 */
import { describe, expect, test } from "vitest";
import { demoProjectDatabase } from "#tests/setup/demo-project.ts";
import { DEMO_USERS } from "#db/seed-demo.ts";
import { findItem } from "#methodology/load.ts";
import type { RegisterItem } from "#methodology/schema.ts";
import { findUserByEmail } from "./auth.server.ts";
import { addRow, updateRow } from "./answers.server.ts";
import { loadProjectData } from "./projects.server.ts";
import { applyGate, diffSnapshots, fingerprint, gateView, phaseSnapshot, projectGates, type GateIntent } from "./signoff.server.ts";
import { runStepAction } from "./step.server.ts";

const { db, projectId, pack } = demoProjectDatabase();
const team = pack.phases.find((p) => p.id === "team")!;
const vision = pack.phases.find((p) => p.id === "vision")!;
const members = findItem(pack, "team.members") as RegisterItem;

const actor = (role: string) => {
  const u = findUserByEmail(db, DEMO_USERS.find((d) => d.role === role)!.email)!;
  return { id: u.id, name: u.displayName };
};
const gate = (intent: GateIntent, phase = team, extra: { comment?: string; reviewed?: string } = {}) =>
  applyGate(db, {
    projectId,
    pack,
    phase,
    intent,
    actor: actor(intent === "approve" || intent === "reject" ? "executive-sponsor" : "project-manager"),
    comment: extra.comment ?? "",
    reviewed: extra.reviewed,
    load: () => loadProjectData(db, projectId),
  });
const view = (phase = team) => gateView(pack, phase, projectGates(db, projectId, pack), loadProjectData(db, projectId));

describe("fingerprint and diff", () => {
  test("the fingerprint ignores key order and row ids, and changes with any content", () => {
    const snap = phaseSnapshot(team, loadProjectData(db, projectId));
    const fp = fingerprint(snap);
    expect(fp).toMatch(/^[0-9a-f]{64}$/);
    const reordered = { ...snap, items: snap.items.map((i) => ("rows" in i ? { ...i, rows: i.rows.map((r) => ({ id: r.id + 1000, cells: Object.fromEntries(Object.entries(r.cells).reverse()) })) } : i)) };
    expect(fingerprint(reordered)).toBe(fp);
    const edited = structuredClone(snap);
    const reg = edited.items.find((i) => i.id === "team.members")! as { rows: Array<{ cells: Record<string, unknown> }> };
    reg.rows[0]!.cells.name = "Someone else";
    expect(fingerprint(edited)).not.toBe(fp);
    const changes = diffSnapshots(snap, edited);
    expect(changes).toHaveLength(1);
    expect(changes[0]).toMatchObject({ itemId: "team.members", kind: "rows", added: [], removed: [] });
    expect((changes[0] as { changed: Array<{ columns: string[] }> }).changed[0]!.columns).toEqual(["name"]);
  });
});

describe("the gate", () => {
  test("sign-off cannot be requested while required items are missing", () => {
    // The demo's goals phase has one required item unanswered (its team has the six members asked for).
    const goals = pack.phases.find((p) => p.id === "goals")!;
    expect(view(goals).requiredComplete).toBe(false);
    expect(gate("request", goals)).toEqual({ ok: false, status: 409, error: "gate.errors.incomplete" });
  });

  test("phases are signed in the method's order", () => {
    expect(view(vision).requiredComplete).toBe(true);
    expect(view(vision).blockedBy).toEqual(["team"]);
    expect(gate("request", vision)).toMatchObject({ ok: false, error: "gate.errors.earlierUnsigned" });
  });

  test("request, reject with a required comment, request again, approve bound to the reviewed content", () => {
    for (const [name, role] of [["Mina Sadeghi", "production-technical"], ["Omid Jafari", "hr-support"]]) {
      expect(addRow(db, { projectId, item: members, raw: { name, role }, by: actor("project-manager") }).status).toBe("saved");
    }
    expect(gate("request")).toEqual({ ok: true, status: "awaiting" });
    expect(gate("request")).toMatchObject({ ok: false, error: "gate.errors.notOpen" });
    expect(gate("reject", team, { comment: "  " })).toMatchObject({ ok: false, status: 400, field: "comment" });
    expect(gate("reject", team, { comment: "Add the HR lead's unit." })).toEqual({ ok: true, status: "open" });
    expect(view().rejection?.comment).toBe("Add the HR lead's unit.");
    expect(gate("request")).toEqual({ ok: true, status: "awaiting" });
    expect(gate("approve", team, { reviewed: "0".repeat(64) })).toMatchObject({ ok: false, error: "gate.errors.contentChanged" });
    expect(gate("approve", team, { reviewed: view().fingerprint })).toEqual({ ok: true, status: "signed" });
    const signed = view();
    expect(signed.status).toBe("signed");
    expect(signed.lastApproval?.userName).toBe(actor("executive-sponsor").name);
    expect(signed.lastApproval?.fingerprint).toBe(signed.fingerprint);
    expect(signed.changedSinceSignoff).toBe(false);
  });

  test("a signed phase refuses edits; reopening needs a reason; then changes show until signed again", () => {
    const step = team.steps.find((s) => s.items.some((i) => i.id === "team.members"))!;
    const row = loadProjectData(db, projectId).rows.get("team.members")!.at(-1)!;
    const edit = { intent: "row-save", itemId: "team.members", rowId: String(row.id), version: String(row.version), "c.name": "Omid Jafarian", "c.role": "hr-support" };
    const locked = runStepAction(db, projectId, step, edit, { by: actor("project-manager"), locked: true, lang: "en" });
    expect(locked.status).toBe(409);
    expect(loadProjectData(db, projectId).rows.get("team.members")!.at(-1)!.cells.name).toBe("Omid Jafari");

    expect(gate("reopen")).toMatchObject({ ok: false, status: 400, error: "gate.errors.reasonRequired" });
    expect(gate("reopen", team, { comment: "Surname misspelt." })).toEqual({ ok: true, status: "reopened" });
    expect(updateRow(db, { projectId, item: members, rowId: row.id, baseVersion: row.version, raw: { name: "Omid Jafarian", role: "hr-support" }, by: actor("project-manager") }).status).toBe("saved");
    const changed = view();
    expect(changed.changedSinceSignoff).toBe(true);
    expect(changed.changes).toEqual([
      { itemId: "team.members", kind: "rows", added: [], removed: [], reordered: false, changed: [{ before: expect.objectContaining({ name: "Omid Jafari" }), after: expect.objectContaining({ name: "Omid Jafarian" }), columns: ["name"] }] },
    ]);
    expect(gate("request")).toEqual({ ok: true, status: "awaiting" });
    expect(gate("approve", team, { reviewed: view().fingerprint })).toEqual({ ok: true, status: "signed" });
    expect(view().changedSinceSignoff).toBe(false);
    expect(view().events.map((e) => e.kind)).toEqual(["requested", "rejected", "requested", "approved", "reopened", "requested", "approved"]);
  });
});
