/**
 * Issue 20 item 4: the vision minutes take their participants from the team
 * register (name, role, unit) and from workshop attendance where it was
 * recorded — the minutes' own participants register and the people who
 * joined a vision workshop session from their phones — marking who attended.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tempDatabase } from "#tests/setup/db.ts";
import { xmlParts } from "#tests/setup/docx.ts";
import { seedDemoProject } from "#db/seed-demo.ts";
import { getProject, loadProjectData, packOf } from "#app/domain/projects.server.ts";
import { exportDeliverable } from "#app/domain/deliverables.server.ts";
import { startSession, join } from "#app/domain/workshop.server.ts";
import { COMPLETED_ENGAGEMENTS } from "#tests/fixtures/completed-engagements.ts";
import { getPacks } from "#methodology/registry.ts";
import { minutesParticipants, type MinutesParticipant } from "./deliverables/sections/participants.ts";
import { sentenceText } from "./text.ts";

const pack = getPacks().get("crm-implementation", "1.0.0")!;
const actor = { id: null, name: "Test Consultant" };
let env: ReturnType<typeof tempDatabase>;
const docs = new Map<string, Buffer>();

async function minutes(projectId: number, lang: "fa" | "en") {
  const project = getProject(env.db, projectId)!;
  return (await exportDeliverable({ db: env.db, project, pack: packOf(project)!, data: loadProjectData(env.db, projectId), id: "vision-minutes", lang, actor, renderer: null })).buffer;
}
function tableRows(buffer: Buffer): string[][] {
  const xml = xmlParts(buffer).get("word/document.xml")!;
  const cellText = (c: string) => [...c.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join("").replace(/&amp;/g, "&");
  return [...xml.matchAll(/<w:tr[ >][\s\S]*?<\/w:tr>/g)].map((r) => [...r[0].matchAll(/<w:tc>[\s\S]*?<\/w:tc>/g)].map((c) => cellText(c[0])));
}
const teamNames = (projectId: number) => (loadProjectData(env.db, projectId).rows.get("team.members") ?? []).map((r) => String(r.cells.name));

let demo: number;
let english: number;
beforeAll(async () => {
  env = tempDatabase();
  demo = seedDemoProject(env.db, pack);
  // Two people join a vision workshop from their phones: one of the team, one from outside it.
  const session = startSession(env.db, { projectId: demo, phaseId: "vision", stepId: "vision-core-questions", by: actor });
  const team = teamNames(demo);
  join(env.db, { sessionId: session.sessionId, name: ` ${team[0]!} ` });
  join(env.db, { sessionId: session.sessionId, name: "مهمان بیرونی" });
  docs.set("fa", await minutes(demo, "fa"));
  docs.set("demo-en", await minutes(demo, "en"));
  english = COMPLETED_ENGAGEMENTS.find((e) => e.lang === "en")!.seed(env.db);
  docs.set("en", await minutes(english, "en"));
}, 120_000);
afterAll(() => env?.cleanup());

describe("the vision minutes' participants", () => {
  it("list every team member with role and unit, marking who attended (Persian demo)", () => {
    const rows = tableRows(docs.get("fa")!);
    const header = rows.find((r) => r.includes("حضور در کارگاه"))!;
    expect(header, "a participants table with an attendance column").toBeTruthy();
    const data = loadProjectData(env.db, demo);
    const recorded = new Set((data.rows.get("vision.workshop-participants") ?? []).map((r) => String(r.cells.name).trim()));
    const team = teamNames(demo);
    for (const name of team) {
      const row = rows.find((r) => r[1] === name && r.length === header.length);
      expect(row, name).toBeTruthy();
      // The first team member joined from a phone; the others attended when the minutes' register has them.
      expect(row![header.indexOf("حضور در کارگاه")], name).toBe(name === team[0] || recorded.has(name) ? "✓" : "—");
    }
    // Their role and unit, as the team register says.
    const sponsor = data.rows.get("team.members")!.find((r) => r.cells.role === "executive-sponsor")!;
    expect(rows.find((r) => r[1] === sponsor.cells.name)![2]).toContain("حامی اجرایی");
    // Someone who joined from a phone but is not in the team is listed too, as attending.
    expect(rows.find((r) => r[1] === "مهمان بیرونی")?.[header.indexOf("حضور در کارگاه")]).toBe("✓");
  });

  it("read left to right in English minutes of a Persian team: 'Project manager, <Persian unit>' keeps the role first", () => {
    const xml = xmlParts(docs.get("demo-en")!).get("word/document.xml")!;
    const pm = loadProjectData(env.db, demo).rows.get("team.members")!.find((r) => r.cells.role === "project-manager" && String(r.cells.unit ?? "").trim())!;
    const cellText = (c: string) => [...c.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join("");
    const cells = [...xml.matchAll(/<w:tr[ >][\s\S]*?<\/w:tr>/g)].map((m) => [...m[0].matchAll(/<w:tc>[\s\S]*?<\/w:tc>/g)].map((c) => c[0]));
    // The participants table's row: "#", name, role and unit.
    const row = cells.find((r) => cellText(r[1] ?? "") === pm.cells.name && cellText(r[2] ?? "").includes("Project manager"))!;
    expect(row, "the project manager's participants row").toBeTruthy();
    const roleCell = row[2]!;
    expect(roleCell, "the role cell").toBeTruthy();
    // The cell is an English line (no right-to-left paragraph), the Persian unit embedded in its own direction after the role.
    expect(roleCell).not.toMatch(/<w:bidi\/>/);
    const text = cellText(roleCell);
    expect(text.indexOf("Project manager")).toBeLessThan(text.indexOf(String(pm.cells.unit).trim()));
    expect(text).toMatch(/[\u202B\u2067][^\u202C\u2069]*[\u0600-\u06FF]/);
    // Someone recorded from outside the team in Persian words: their role and organisation joined by a Persian comma.
    const guest = (loadProjectData(env.db, demo).rows.get("vision.workshop-participants") ?? []).find((r) => !teamNames(demo).includes(String(r.cells.name)) && /[\u0600-\u06FF]/.test(String(r.cells.organisation ?? "")) && String(r.cells.role ?? "").trim());
    expect(guest, "the demo records a consultant from outside the team").toBeTruthy();
    if (guest) expect(cellText(cells.find((r) => cellText(r[1] ?? "") === guest.cells.name)![2]!)).toContain("، ");
  });

  it("list the English completed project's team, and the people recorded present outside it", () => {
    const rows = tableRows(docs.get("en")!);
    const header = rows.find((r) => r.includes("Attended the workshop"))!;
    expect(header).toBeTruthy();
    for (const name of teamNames(english)) expect(rows.some((r) => r[1] === name), name).toBe(true);
    expect(rows.some((r) => r.some((c) => c.includes("Hannah Cole")))).toBe(true);
    // Sent apologies (the absentees register): not marked as attending although the attendance list names him.
    const absentees = loadProjectData(env.db, english).rows.get("vision.workshop-absentees") ?? [];
    for (const a of absentees) expect(rows.find((r) => r[1] === a.cells.name)?.[header.indexOf("Attended the workshop")], String(a.cells.name)).toBe("—");
  });
});

describe("minutesParticipants", () => {
  // Role and unit as read: a team member's is a sentence (the label, then the unit as the user's words).
  const read = (people: MinutesParticipant[]) => people.map((p) => ({ ...p, roleUnit: typeof p.roleUnit === "string" ? p.roleUnit : sentenceText(p.roleUnit) }));
  const role = (id: unknown) => (id === "executive-sponsor" ? "Executive sponsor" : String(id ?? ""));
  it("merges the team, the recorded attendance and the phones, matching names loosely", () => {
    const list = minutesParticipants({
      team: [{ name: "Sara Ahmadi", role: "executive-sponsor", unit: "Board" }, { name: "Ali Karimi", role: "project-manager", unit: "" }],
      recorded: [{ name: "sara  ahmadi", role: "", organisation: "" }, { name: "Hannah Cole", role: "Consultant", organisation: "Harbourline" }],
      joined: ["Ali Karimi\u200c", "Hannah Cole", "Guest"],
      roleLabel: role,
    });
    expect(list.attendanceRecorded).toBe(true);
    expect(read(list.people)).toEqual([
      { name: "Sara Ahmadi", roleUnit: "Executive sponsor, Board", attended: true },
      { name: "Ali Karimi", roleUnit: "project-manager", attended: true },
      { name: "Hannah Cole", roleUnit: "Consultant, Harbourline", attended: true },
      { name: "Guest", roleUnit: "", attended: true },
    ]);
  });

  it("marks someone listed as absent as not attending, whatever another list says", () => {
    const list = minutesParticipants({
      team: [{ name: "James Whitfield", role: "hr-support", unit: "Finance" }],
      recorded: [{ name: "James Whitfield", role: "Finance Director", organisation: "" }],
      joined: ["James Whitfield"],
      absent: [{ name: "james whitfield", attendance: "apologies" }],
      roleLabel: role,
    });
    expect(read(list.people)).toEqual([{ name: "James Whitfield", roleUnit: "hr-support, Finance", attended: false }]);
  });

  it("says when attendance was not recorded", () => {
    const list = minutesParticipants({ team: [{ name: "Sara Ahmadi", role: "executive-sponsor", unit: "" }], recorded: [], joined: [], roleLabel: role });
    expect(list).toEqual({ attendanceRecorded: false, people: [{ name: "Sara Ahmadi", roleUnit: "Executive sponsor", attended: false }] });
  });
});
