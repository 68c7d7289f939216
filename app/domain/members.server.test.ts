import { beforeAll, describe, expect, test } from "vitest";
import { demoProjectDatabase } from "#tests/setup/demo-project.ts";
import { createUser, emailSchema, findUserByEmail } from "./auth.server.ts";
import { acceptInvitation, createInvitation, findLink, listMembers, pendingInvitations, teamRowInvites } from "./members.server.ts";

const { db, projectId: project, pack } = demoProjectDatabase();
let pm: { id: number; name: string };

beforeAll(() => {
  const u = findUserByEmail(db, "s.ahmadi@mehregan.example")!;
  pm = { id: u.id, name: u.displayName };
});

const to = (email: string, name = "Thomas Berger") => ({ email, name, language: "en" as const });

describe("an emailed invitation (security: issue 20 review finding 3)", () => {
  test("inviting the same address again revokes the earlier open invitation", () => {
    const first = createInvitation(db, pm, project, "executive-sponsor", "", new Date(), to("T.Berger@berger.example"));
    const second = createInvitation(db, pm, project, "executive-sponsor", "", new Date(), to("t.berger@berger.example"));
    expect(findLink(db, first.token, "invitation").state).toBe("revoked");
    expect(findLink(db, second.token, "invitation").state).toBe("valid");
    expect(pendingInvitations(db, project).filter((p) => p.email === "t.berger@berger.example")).toHaveLength(1);
  });

  test("the Intruder path: an account with another email cannot use it, and nothing is written", async () => {
    const { token } = createInvitation(db, pm, project, "executive-sponsor", "", new Date(), to("k.holt@client.example", "Karen Holt"));
    const intruder = await createUser(db, { displayName: "Intruder", email: "intruder@evil.example", password: "intruder password" });
    const before = listMembers(db, project).length;
    const result = acceptInvitation(db, token, { id: intruder.id, displayName: "Intruder", email: "intruder@evil.example" });
    expect(result).toEqual({ ok: false, state: "wrong-email" });
    expect(listMembers(db, project)).toHaveLength(before);
    expect(findLink(db, token, "invitation").state).toBe("valid");
  });

  test("when someone joins, the project's other open invitations to that address are retired", async () => {
    // Two open invitations to one address (as in a database from before re-inviting revoked the earlier one).
    const a = createInvitation(db, pm, project, "viewer", "", new Date(), to("a.rahimi@client.example", "A Rahimi"));
    const b = createInvitation(db, pm, project, "consultant", "", new Date(), null);
    db.$client.prepare("UPDATE one_time_links SET email = 'a.rahimi@client.example' WHERE token_hash = (SELECT token_hash FROM one_time_links ORDER BY id DESC LIMIT 1)").run();
    const user = await createUser(db, { displayName: "A Rahimi", email: "a.rahimi@client.example", password: "rahimi password" });
    expect(acceptInvitation(db, a.token, { id: user.id, displayName: "A Rahimi", email: "a.rahimi@client.example" }).ok).toBe(true);
    expect(findLink(db, b.token, "invitation").state).toBe("revoked");
  });

  test("an invitation without an address still works for whoever holds it", async () => {
    const { token } = createInvitation(db, pm, project, "viewer", "for anyone", new Date(), null);
    const user = await createUser(db, { displayName: "Anyone", email: "anyone@client.example", password: "anyone password" });
    expect(acceptInvitation(db, token, { id: user.id, displayName: "Anyone", email: "anyone@client.example" }).ok).toBe(true);
  });
});

test("the team list offers a row only when its email is one the invite-row action accepts", () => {
  const rows = ["x@y.c", "a..b@client.example", " R.Nouri@Client.example ", "no email"].map((email, i) => ({ id: 9000 + i, cells: { name: `Row ${i}`, email, role: "sponsor" } }));
  const offered = teamRowInvites(db, project, rows, "role").map((r) => r.email);
  expect(offered).toEqual(["r.nouri@client.example"]);
  for (const email of offered) expect(emailSchema.safeParse(email).success).toBe(true);
});
