/**
 * A workshop cannot change a phase signed or awaiting sign-off (issue 19,
 * decision 038's amendment): the phase's deliverables print its sessions, so
 * starting one there is refused with the message next to the control and
 * nothing written, and the step's panel says why instead of offering it.
 */
import Database from "better-sqlite3";
import { afterAll, beforeAll, expect, test } from "vitest";
import { form, signIn, startServer, type RunningServer } from "#tests/setup/server.ts";

let server: RunningServer;
let manager = "";
beforeAll(async () => {
  // The demo as shipped: its team and vision phases signed.
  server = await startServer({ GAMBEGAM_DEMO_SIGNOFFS: null });
  manager = await signIn(server.url, "s.ahmadi@mehregan.example");
});
afterAll(() => server?.stop());

const sessions = () => {
  const db = new Database(server.databasePath, { readonly: true });
  try {
    return (db.prepare("SELECT count(*) AS n FROM workshop_sessions").get() as { n: number }).n;
  } finally {
    db.close();
  }
};

test("on a signed phase, starting a session is refused (409, nothing written) and the step's panel says why", async () => {
  const step = "/projects/1/phases/vision/steps/vision-workshop";
  const page = await (await fetch(server.url + step, { headers: { Cookie: manager } })).text();
  expect(page).toContain('data-testid="workshop-locked"');
  expect(page).not.toContain('data-testid="workshop-start"');

  const res = await fetch(`${server.url}/projects/1/workshops`, { method: "POST", body: form({ intent: "start", phaseId: "vision", stepId: "vision-workshop" }), headers: { Cookie: manager }, redirect: "manual" });
  expect(res.status).toBe(409);
  expect(await res.text()).toContain("workshop.errors.phaseLocked");
  expect(sessions()).toBe(0);

  // An open phase still offers it.
  const open = await (await fetch(server.url + "/projects/1/phases/goals/steps/goals-prioritise", { headers: { Cookie: manager } })).text();
  expect(open).toContain('data-testid="workshop-start"');
});
