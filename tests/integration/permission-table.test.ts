/**
 * Walks the whole permission table over HTTP: every route (loader and each
 * action intent) × every identity × own project and someone else's. The
 * expected answer is derived from app/access.ts, so the test follows the
 * table; it fails when a route exists without an entry.
 */
import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import routes from "#app/routes.ts";
import { ROUTE_ACCESS, ROLE_PERMISSIONS, type Requirement } from "#app/access.ts";
import { PROJECT_ROLES, type ProjectRole } from "#db/roles.ts";
import { BUILT_IN_PACKS_DIR, loadPacks } from "#methodology/load.ts";
import { form, signIn, startServer, type RunningServer } from "#tests/setup/server.ts";

type RouteEntry = { path?: string; index?: boolean; file: string; children?: RouteEntry[] };

/** Every route of app/routes.ts as its full pattern, with its module file. */
function patterns(entries: RouteEntry[], parent = ""): Array<{ pattern: string; file: string }> {
  return entries.flatMap((r) => {
    const here = r.index ? parent : [parent, r.path].filter(Boolean).join("/");
    return [{ pattern: `/${here}`, file: r.file }, ...patterns(r.children ?? [], here)];
  });
}
const all = patterns(routes as RouteEntry[]);
// A layout and its index route share a pattern.
const byPattern = new Map<string, string[]>();
for (const { pattern, file } of all) byPattern.set(pattern, [...(byPattern.get(pattern) ?? []), file]);

test("every route has exactly one entry in ROUTE_ACCESS, and an action only where its module has one", () => {
  expect([...byPattern.keys()].sort()).toEqual(Object.keys(ROUTE_ACCESS).sort());
  for (const [pattern, files] of byPattern) {
    const hasAction = files.some((f) => /export (async )?function action\b/.test(fs.readFileSync(`app/${f}`, "utf8")));
    expect(Boolean(ROUTE_ACCESS[pattern]!.action), `${pattern}: action in the module vs in the table`).toBe(hasAction);
  }
});

const pack = loadPacks([BUILT_IN_PACKS_DIR]).get("crm-implementation", "1.0.0")!;
const phase = pack.phases[1]!;
const step = phase.steps[0]!;

type Identity = "anonymous" | "admin" | ProjectRole;
const IDENTITIES: Identity[] = ["anonymous", "admin", ...PROJECT_ROLES];
const EMAIL: Record<ProjectRole, string> = {
  "project-manager": "s.ahmadi@mehregan.example",
  consultant: "l.tehrani@arman.example",
  "executive-sponsor": "f.karimi@mehregan.example",
  "team-member": "n.rahimi@mehregan.example",
  viewer: "h.nazari@mehregan.example",
};

let server: RunningServer;
const cookies = new Map<Identity, string>();
/** Project 1 is the demo (every demo role is a member); project 2 belongs to the admin only; 3 to the demo PM only. */
const OWN = 1;
const ADMINS_OWN = 2;
const FOREIGN_TO_ADMIN = 3;

beforeAll(async () => {
  server = await startServer();
  const setup = await fetch(`${server.url}/setup`, {
    method: "POST",
    body: form({ displayName: "Admin", email: "admin@firm.example", password: "admin password long", confirm: "admin password long" }),
    redirect: "manual",
  });
  cookies.set("admin", setup.headers.get("set-cookie")!.split(";")[0]!);
  for (const role of PROJECT_ROLES) cookies.set(role, await signIn(server.url, EMAIL[role]));
  const newProject = (who: Identity, name: string) =>
    fetch(`${server.url}/projects/new`, {
      method: "POST",
      headers: { Cookie: cookies.get(who)! },
      body: form({ name, clientOrganisation: "Someone", deliverableLanguage: "en", startDate: "2026-01-01", pack: "crm-implementation@1.0.0" }),
      redirect: "manual",
    });
  expect((await newProject("admin", "Admin's own")).headers.get("location")).toBe(`/projects/${ADMINS_OWN}`);
  expect((await newProject("project-manager", "PM's own")).headers.get("location")).toBe(`/projects/${FOREIGN_TO_ADMIN}`);
}, 60_000);
afterAll(() => server?.stop());

/** The admin is project manager of the demo (set-up) and of its own project. */
function roleIn(identity: Identity, projectId: number): ProjectRole | null {
  if (identity === "anonymous") return null;
  if (identity === "admin") return projectId === FOREIGN_TO_ADMIN ? null : "project-manager";
  if (projectId === OWN) return identity;
  if (projectId === FOREIGN_TO_ADMIN && identity === "project-manager") return "project-manager";
  return null;
}

type Expected = "login" | "404" | "403" | "allowed" | "public";
function expected(req: Requirement, identity: Identity, projectId: number): Expected {
  if (req === "public") return "public";
  if (identity === "anonymous") return "login";
  if (req === "signed-in") return "allowed";
  if (req === "admin") return identity === "admin" ? "allowed" : "403";
  const role = roleIn(identity, projectId);
  if (!role) return "404";
  return ROLE_PERMISSIONS[role].includes(req.project) ? "allowed" : "403";
}

function url(pattern: string, projectId: number): string {
  return pattern
    .replace(":projectId", String(projectId))
    .replace(":phaseId", phase.id)
    .replace(":stepId", step.id)
    .replace(":token", "no-such-token-0123456789")
    .replace("/*", "/no/such/page");
}

type Case = { pattern: string; method: "GET" | "POST"; intent: string | null; requirement: Requirement };
const cases: Case[] = Object.entries(ROUTE_ACCESS).flatMap(([pattern, access]) => {
  const list: Case[] = [{ pattern, method: "GET", intent: null, requirement: access.loader }];
  if (access.action && typeof access.action === "object" && "intents" in access.action) {
    for (const [intent, requirement] of Object.entries(access.action.intents)) list.push({ pattern, method: "POST", intent, requirement });
  } else if (access.action) {
    list.push({ pattern, method: "POST", intent: null, requirement: access.action });
  }
  return list;
});

describe.each(cases)("$method $pattern $intent", ({ pattern, method, intent, requirement }) => {
  const projects = pattern.includes(":projectId") ? [OWN, ADMINS_OWN, FOREIGN_TO_ADMIN] : [OWN];
  test.each(IDENTITIES)("as %s", async (identity) => {
    // Signing out for real would end the sessions the other cases use.
    if (pattern === "/logout" && method === "POST" && identity !== "anonymous") return;
    for (const projectId of projects) {
      const want = expected(requirement, identity, projectId);
      const headers: Record<string, string> = {};
      const cookie = cookies.get(identity);
      if (cookie) headers.Cookie = cookie;
      // Only the intent: access is decided first, then the action refuses the empty form (4xx) without writing.
      const init: RequestInit = { method, headers, redirect: "manual" };
      if (method === "POST") init.body = form(intent ? { intent } : {});
      const r = await fetch(server.url + url(pattern, projectId), init);
      const where = `${method} ${pattern}${intent ? ` [${intent}]` : ""} as ${identity} on project ${projectId}: expected ${want}, got ${r.status} ${r.headers.get("location") ?? ""}`;
      const location = r.headers.get("location") ?? "";
      const toLogin = r.status === 302 && new URL(location, server.url).pathname === "/login";
      expect(r.status, where).toBeLessThan(500);
      switch (want) {
        case "login":
          expect(toLogin, where).toBe(true);
          expect(new URL(location, server.url).searchParams.get("returnTo"), where).toBe(url(pattern, projectId));
          break;
        case "404":
          expect(r.status, where).toBe(404);
          break;
        case "403":
          expect(r.status, where).toBe(403);
          break;
        case "allowed":
          expect([403, 404].includes(r.status) || toLogin, where).toBe(false);
          break;
        case "public":
          expect(r.status, where).not.toBe(403);
          break;
      }
      await r.body?.cancel();
    }
  });
});
