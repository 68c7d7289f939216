/**
 * A signed document does not change (issue 20 review, finding 4): the vision
 * minutes' participants and approvers are those of the moment the phase was
 * signed; people added to the team register or the project afterwards do not
 * appear, and the document's content fingerprint stays the same.
 */
import { expect, test } from "vitest";
import { demoProjectDatabase } from "#tests/setup/demo-project.ts";
import { documentText } from "#tests/setup/docx.ts";
import { findItem } from "#methodology/load.ts";
import { users } from "#db/schema.ts";
import { addRow } from "./answers.server.ts";
import { applyGate } from "./signoff.server.ts";
import { findUserByEmail } from "./auth.server.ts";
import { addMember, createInvitation } from "./members.server.ts";
import { exportDeliverable, projectPeople, signOffState } from "./deliverables.server.ts";
import { getProject, loadProjectData, packOf, type ProjectData, type StoredRow } from "./projects.server.ts";
import type { RegisterItem } from "#methodology/schema.ts";

const { db, projectId, pack } = demoProjectDatabase();
const by = { id: null, name: "Sara Ahmadi" };

const versions: number[] = [];
const minutes = async (lang: "fa" | "en") => {
  const project = getProject(db, projectId)!;
  const data = loadProjectData(db, projectId);
  const file = await exportDeliverable({ db, project, pack: packOf(project)!, data, id: "vision-minutes", lang, actor: by, renderer: null });
  versions.push(file.version);
  return documentText(file.buffer);
};

/** Signs the vision phase through the gate, as the sponsor does on the page (request, then approve what they reviewed). */
function signVision() {
  const project = getProject(db, projectId)!;
  const phase = pack.phases.find((p) => p.id === "vision")!;
  const load = () => loadProjectData(db, projectId);
  const sponsor = findUserByEmail(db, "f.karimi@mehregan.example")!;
  const pm = findUserByEmail(db, "s.ahmadi@mehregan.example")!;
  for (const earlier of pack.phases.slice(0, pack.phases.indexOf(phase) + 1)) {
    const status = signOffState(db, project, pack, load(), earlier.id, "en")?.status;
    if (status === "signed") continue;
    const requested = applyGate(db, { projectId, pack, phase: earlier, intent: "request", actor: { id: pm.id, name: pm.displayName }, comment: "", load });
    expect(requested).toMatchObject({ ok: true });
    const reviewed = signOffState(db, project, pack, load(), earlier.id, "en")!.currentFingerprint;
    expect(applyGate(db, { projectId, pack, phase: earlier, intent: "approve", actor: { id: sponsor.id, name: sponsor.displayName }, comment: "", reviewed, load })).toMatchObject({ ok: true });
  }
}

test("people added to the team and the project after the vision phase was signed do not appear in its signed minutes", async () => {
  signVision();
  const project = getProject(db, projectId)!;
  expect(signOffState(db, project, pack, loadProjectData(db, projectId), "vision", "fa")?.status).toBe("signed");
  const before = await minutes("fa");
  const beforeEn = await minutes("en");
  expect(before).toContain("فرهاد کریمی");
  const team = findItem(pack, "team.members") as RegisterItem;
  expect(addRow(db, { projectId, item: team, raw: { name: "Thomas Berger", role: "executive-sponsor", email: "t.berger@berger.example", unit: "Berger Holding" }, by }).status).toBe("saved");
  const user = db.insert(users).values({ email: "late@example.test", displayName: "Late Comer", passwordHash: "x" }).returning().get();
  addMember(db, by, projectId, { id: user.id, displayName: "Late Comer", email: "late@example.test" }, "executive-sponsor");
  const after = await minutes("fa");
  expect(after).not.toContain("Thomas Berger");
  expect(after).not.toContain("Late Comer");
  expect(after).toBe(before);
  // Same content, same fingerprint: the export is the same version as before.
  expect(versions.at(-1)).toBe(versions[0]);
  expect(await minutes("en")).toBe(beforeEn);
});

test("the distribution list and the signatories give an organisation only where it is known: the person's unit, or the consulting firm", () => {
  const project = { ...getProject(db, projectId)!, clientOrganisation: "Mehregan Foods" };
  const data: ProjectData = { ...loadProjectData(db, projectId), rows: new Map<string, StoredRow[]>([["team.members", [{ id: 1, position: 0, version: 1, updatedAt: "", cells: { name: "Thomas Berger", role: "executive-sponsor", unit: "Berger Holding" } }, { id: 2, position: 1, version: 1, updatedAt: "", cells: { name: "Neda Amini", role: "other" } }]]]) };
  const members = [{ userId: 9, name: "Late Comer", email: "late@example.test", role: "executive-sponsor" as const, since: "", disabled: false }];
  const people = projectPeople(members, project, pack, data, null, "en", "Arman Consulting");
  expect(people.distribution.map((p) => [p.name, p.organisation])).toEqual([["Thomas Berger", "Berger Holding"], ["Neda Amini", ""], ["Late Comer", ""]]);
  expect(people.signatories.filter((p) => p.side === "client").map((p) => [p.name, p.organisation])).toEqual([["Thomas Berger", "Berger Holding"], ["Late Comer", ""]]);
});

test("the Persian minutes join a participant's role and unit with a Persian comma, the English ones with a Latin comma", async () => {
  const fa = await minutes("fa");
  expect(fa).toContain("حامی اجرایی، مدیریت عامل");
  expect(fa).not.toContain("حامی اجرایی, مدیریت عامل");
  expect(await minutes("en")).toMatch(/Executive sponsor, \S/);
});

test("nobody can sign: the team register's executive sponsor with an email who is neither a member nor invited is the one to invite", async () => {
  const { sponsorToInvite } = await import("./signoff.server.ts");
  const team = findItem(pack, "team.members") as RegisterItem;
  const data = () => loadProjectData(db, projectId);
  const pm = findUserByEmail(db, "s.ahmadi@mehregan.example")!;
  // Thomas Berger (added above, not invited) is the first sponsor in the register who is not a member.
  expect(sponsorToInvite(db, projectId, pack, data())).toEqual({ name: "Thomas Berger", email: "t.berger@berger.example" });
  expect(addRow(db, { projectId, item: team, raw: { name: "No Mail", role: "executive-sponsor" }, by }).status).toBe("saved");
  // Once invited, he is not offered again: a second invitation would revoke the link already emailed to him.
  createInvitation(db, { id: pm.id, name: pm.displayName }, projectId, "executive-sponsor", "", new Date(), { email: "t.berger@berger.example", name: "Thomas Berger", language: "en" });
  expect(sponsorToInvite(db, projectId, pack, data())).toBeNull();
  // A sponsor who joined is not offered either.
  expect(addRow(db, { projectId, item: team, raw: { name: "Second Sponsor", role: "executive-sponsor", email: "second@berger.example" }, by }).status).toBe("saved");
  expect(sponsorToInvite(db, projectId, pack, data())).toEqual({ name: "Second Sponsor", email: "second@berger.example" });
  const user = db.insert(users).values({ email: "second@berger.example", displayName: "Second Sponsor", passwordHash: "x" }).returning().get();
  addMember(db, by, projectId, { id: user.id, displayName: "Second Sponsor", email: "second@berger.example" }, "executive-sponsor");
  expect(sponsorToInvite(db, projectId, pack, data())).toBeNull();
});
