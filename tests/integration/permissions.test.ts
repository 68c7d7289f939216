/**
 * The permission model of app/access.ts, checked two ways:
 *
 * 1. Statically: the route patterns of app/routes.ts are exactly the keys of
 *    ROUTE_ACCESS, and a table entry has an `action` exactly when one of the
 *    route's modules exports one.
 * 2. Over HTTP, against one production server: every pattern × identity
 *    (anonymous, administrator, each demo project role) × project (own,
 *    someone else's, one that does not exist) × request (GET, one POST per
 *    action intent, plus an unknown intent / a POST to a route without an
 *    action). The expected answer of each request is derived from
 *    ROUTE_ACCESS and ROLE_PERMISSIONS, never listed by hand, so the walk
 *    follows the table.
 *
 * POSTs carry only `intent` (or nothing): once access is granted the action
 * validates the form itself and refuses it (400/409), so the walk proves the
 * guard let the request through without changing data. The one action that
 * succeeds with an empty form, POST /logout, is sent with a throwaway
 * session per identity so the sessions the walk uses stay valid; POST
 * /projects/:id/export [intent=export] succeeds too (it sends the file and
 * records the export: harmless here). A download's GET answers 405 (it is a
 * POST from the Documents page), which counts as let through.
 */
import fs from "node:fs";
import { createHash, randomBytes } from "node:crypto";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import routes from "#app/routes.ts";
import { PROJECT_ROLES, ROLE_PERMISSIONS, ROUTE_ACCESS, type ProjectRole, type Requirement } from "#app/access.ts";
import { BUILT_IN_PACKS_DIR, loadPacks } from "#methodology/load.ts";
import { form, setupCode, signIn, startServer, type RunningServer } from "#tests/setup/server.ts";

// ---------------------------------------------------------------------------
// 1. routes.ts ⇔ ROUTE_ACCESS
// ---------------------------------------------------------------------------

type RouteConfigEntry = { path?: string; index?: boolean; file: string; children?: RouteConfigEntry[] };

/** Every route module with the full pattern React Router gives it ("/" + the joined paths). */
function routePatterns(entries: readonly RouteConfigEntry[], parent = ""): Array<{ pattern: string; file: string }> {
  return entries.flatMap((entry) => {
    const joined = entry.index ? parent : [parent, entry.path].filter((p): p is string => Boolean(p)).join("/");
    return [{ pattern: `/${joined}`, file: entry.file }, ...routePatterns(entry.children ?? [], joined)];
  });
}

const routeFiles = routePatterns(routes as readonly RouteConfigEntry[]);
/** A layout and its index route share one pattern. */
const filesByPattern = new Map<string, string[]>();
for (const { pattern, file } of routeFiles) filesByPattern.set(pattern, [...(filesByPattern.get(pattern) ?? []), file]);

const exportsAction = (file: string) => /export (async )?function action\b/.test(fs.readFileSync(`app/${file}`, "utf8"));

describe("app/routes.ts and ROUTE_ACCESS agree", () => {
  test("the patterns of app/routes.ts are exactly the keys of ROUTE_ACCESS", () => {
    const fromRoutes = [...filesByPattern.keys()].sort();
    const fromTable = Object.keys(ROUTE_ACCESS).sort();
    expect(
      fromRoutes.filter((p) => !(p in ROUTE_ACCESS)),
      "routes without an entry in ROUTE_ACCESS",
    ).toEqual([]);
    expect(
      fromTable.filter((p) => !filesByPattern.has(p)),
      "stale ROUTE_ACCESS entries (no such route)",
    ).toEqual([]);
    expect(fromRoutes).toEqual(fromTable);
  });

  test.each([...filesByPattern.entries()].map(([pattern, files]) => ({ pattern, files })))(
    "$pattern: an action in the table exactly when its module exports one",
    ({ pattern, files }) => {
      const entry = ROUTE_ACCESS[pattern];
      expect(entry, `${pattern} has no entry in ROUTE_ACCESS`).toBeDefined();
      const withAction = files.filter(exportsAction);
      if (withAction.length) {
        expect(entry?.action, `${pattern}: ${withAction.join(", ")} exports an action, but ROUTE_ACCESS has no action requirement`).toBeDefined();
      } else {
        expect(entry?.action, `${pattern}: ROUTE_ACCESS has an action requirement, but none of ${files.join(", ")} exports an action`).toBeUndefined();
      }
    },
  );
});

// ---------------------------------------------------------------------------
// 2. The walk over HTTP
// ---------------------------------------------------------------------------

const pack = loadPacks([BUILT_IN_PACKS_DIR]).get("crm-implementation", "1.0.0");
if (!pack) throw new Error("the crm-implementation@1.0.0 pack is missing");
// The last phase: on a fresh database it is incomplete and blocked by unsigned
// earlier phases, so an intent-only "request" from the project manager is
// refused (409) rather than actually requesting sign-off.
const phase = pack.phases.at(-1);
const step = phase?.steps[0];
if (!phase || !step) throw new Error("the pack has no phase with a step");

type Identity = "anonymous" | "admin" | ProjectRole;
const IDENTITIES: readonly Identity[] = ["anonymous", "admin", ...PROJECT_ROLES];
const SIGNED_IN: readonly Identity[] = IDENTITIES.filter((i) => i !== "anonymous");

const DEMO_EMAIL: Record<ProjectRole, string> = {
  "project-manager": "s.ahmadi@mehregan.example",
  consultant: "l.tehrani@arman.example",
  "executive-sponsor": "f.karimi@mehregan.example",
  "team-member": "n.rahimi@mehregan.example",
  viewer: "h.nazari@mehregan.example",
};
const ADMIN = { displayName: "Permission Walk Admin", email: "walk.admin@firm.example", password: "walk admin password 1" };

/**
 * Project 1: the demo; every demo user is a member in their role, and the
 * first administrator is its project manager (set-up makes them so).
 * Project 2: the English demo (Alder & Finch), with its own people; the
 * administrator is its project manager too, no Mehregan user is a member.
 * Project 3: created by the administrator; no demo user is a member.
 * Project 4: created by the demo project manager; the administrator is not a member.
 * Project 999999: does not exist.
 */
const DEMO_PROJECT = 1;
const ENGLISH_DEMO_PROJECT = 2;
const ADMINS_PROJECT = 3;
const DEMO_PMS_PROJECT = 4;
const MISSING_PROJECT = 999_999;

const MEMBERS: Record<number, Partial<Record<Identity, ProjectRole>>> = {
  [DEMO_PROJECT]: { admin: "project-manager", ...Object.fromEntries(PROJECT_ROLES.map((r) => [r, r])) },
  [ENGLISH_DEMO_PROJECT]: { admin: "project-manager" },
  [ADMINS_PROJECT]: { admin: "project-manager" },
  [DEMO_PMS_PROJECT]: { "project-manager": "project-manager" },
};
const roleIn = (identity: Identity, projectId: number): ProjectRole | null => MEMBERS[projectId]?.[identity] ?? null;

type ProjectCase = "own" | "other" | "missing";
function projectFor(identity: Identity, which: ProjectCase): number {
  if (which === "own") return DEMO_PROJECT;
  if (which === "missing") return MISSING_PROJECT;
  return identity === "admin" ? DEMO_PMS_PROJECT : ADMINS_PROJECT;
}

type Outcome = "login" | "404" | "403" | "allowed" | "public";

/** What the guard must answer for a requirement, derived from ROLE_PERMISSIONS. */
function outcome(requirement: Requirement, identity: Identity, projectId: number | null): Outcome {
  if (requirement === "public") return "public";
  if (identity === "anonymous") return "login";
  if (requirement === "signed-in") return "allowed";
  if (requirement === "admin") return identity === "admin" ? "allowed" : "403";
  const role = projectId === null ? null : roleIn(identity, projectId);
  if (!role) return "404";
  return ROLE_PERMISSIONS[role].includes(requirement.project) ? "allowed" : "403";
}

/** One kind of request to a route: its GET, one POST per intent, and the POSTs the guard must refuse. */
type Probe = {
  pattern: string;
  method: "GET" | "POST";
  /** The form's `intent` field; null: no field. */
  intent: string | null;
  label: string;
  requirement: Requirement;
  /** Once access passes, the guard itself refuses: 405 (no action) or 400 (unknown intent). */
  refuse?: 400 | 405;
};

const UNKNOWN_INTENT = "no-such-intent";

const probes: Probe[] = Object.entries(ROUTE_ACCESS).flatMap(([pattern, access]) => {
  const list: Probe[] = [{ pattern, method: "GET", intent: null, label: `GET ${pattern}`, requirement: access.loader }];
  const action = access.action;
  if (!action) {
    list.push({ pattern, method: "POST", intent: null, label: `POST ${pattern} (no action)`, requirement: access.loader, refuse: 405 });
  } else if (typeof action === "object" && "intents" in action) {
    for (const [intent, requirement] of Object.entries(action.intents)) {
      list.push({ pattern, method: "POST", intent, label: `POST ${pattern} [intent=${intent}]`, requirement });
    }
    for (const intent of [UNKNOWN_INTENT, null]) {
      list.push({ pattern, method: "POST", intent, label: `POST ${pattern} [${intent ? `intent=${intent}` : "no intent"}]`, requirement: access.loader, refuse: 400 });
    }
  } else {
    list.push({ pattern, method: "POST", intent: null, label: `POST ${pattern}`, requirement: action });
  }
  return list;
});

function pathFor(pattern: string, projectId: number | null): string {
  return pattern
    .replace(":projectId", String(projectId))
    .replace(":phaseId", phase!.id)
    .replace(":stepId", step!.id)
    .replace(":token", "permission-walk-unknown-token-7f3a9c")
    // A workshop session is started on each project before the walk (beforeAll): session N on project N.
    .replace(":sessionId", String(projectId !== null && projectId <= DEMO_PMS_PROJECT ? projectId : MISSING_PROJECT))
    .replace(":deliverable", "go-no-go")
    // A register of an open phase of the demo (its import refuses an intent-only POST: no file, no upload).
    .replace(":itemId", "requirements.register")
    .replace(/\/\*$/, "/no/such/page/anywhere");
}

type Visit = {
  name: string;
  probe: Probe;
  identity: Identity;
  project: ProjectCase | null;
  projectId: number | null;
  path: string;
  expected: Outcome;
};

const visits: Visit[] = probes.flatMap((probe) =>
  IDENTITIES.flatMap((identity) => {
    const projects: Array<ProjectCase | null> = probe.pattern.includes(":projectId") ? ["own", "other", "missing"] : [null];
    return projects.map((project): Visit => {
      const projectId = project === null ? null : projectFor(identity, project);
      const expected = outcome(probe.requirement, identity, projectId);
      const where = project === null ? "" : ` on ${project === "own" ? "own" : project === "other" ? "someone else's" : "a missing"} project (${projectId})`;
      const refusal = probe.refuse && (expected === "allowed" || expected === "public") ? ` then ${probe.refuse}` : "";
      return {
        name: `${probe.label} as ${identity}${where}: expect ${expected}${refusal}`,
        probe,
        identity,
        project,
        projectId,
        path: pathFor(probe.pattern, projectId),
        expected,
      };
    });
  }),
);

type Answer = { status: number; location: string | null };

let server: RunningServer;
/** The session each signed-in identity uses for the whole walk. */
const sessions = new Map<Identity, string>();
/** A second session per signed-in identity, spent on POST /logout. */
const throwaway = new Map<Identity, string>();
const answers = new Map<Visit, Answer>();
/** The join link's token of each project's workshop session (from the facilitator's cookie). */
const joinTokens = new Map<number, string>();
let walkMillis = 0;

async function post(path: string, fields: Record<string, string>, cookie?: string): Promise<Response> {
  return fetch(server.url + path, { method: "POST", body: form(fields), headers: cookie ? { Cookie: cookie } : {}, redirect: "manual" });
}

async function visit(v: Visit): Promise<Answer> {
  const { probe, identity } = v;
  const spendsSession = probe.pattern === "/logout" && probe.method === "POST";
  const cookie = (spendsSession ? throwaway : sessions).get(identity);
  const init: RequestInit = { method: probe.method, headers: cookie ? { Cookie: cookie } : {}, redirect: "manual" };
  if (probe.method === "POST") init.body = form(probe.intent === null ? {} : { intent: probe.intent });
  const r = await fetch(server.url + v.path, init);
  await r.body?.cancel();
  return { status: r.status, location: r.headers.get("location") };
}

/** Runs `work` over `items`, at most `limit` at a time. */
async function pool<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

beforeAll(async () => {
  server = await startServer();

  // The first administrator (and, through set-up, project manager of the demo).
  const setup = await post("/setup", { displayName: ADMIN.displayName, email: ADMIN.email, password: ADMIN.password, confirm: ADMIN.password, code: setupCode(server) });
  const adminCookie = setup.headers.get("set-cookie")?.split(";")[0];
  if (setup.status !== 302 || !adminCookie?.startsWith("gambegam_session=")) throw new Error(`set-up failed: ${setup.status}`);
  sessions.set("admin", adminCookie);
  throwaway.set("admin", await signIn(server.url, ADMIN.email, ADMIN.password));
  for (const role of PROJECT_ROLES) {
    sessions.set(role, await signIn(server.url, DEMO_EMAIL[role]));
    throwaway.set(role, await signIn(server.url, DEMO_EMAIL[role]));
  }

  const newProject = async (who: Identity, name: string, expectedId: number) => {
    const r = await post(
      "/projects/new",
      { name, clientOrganisation: "Permission walk", deliverableLanguage: "en", startDate: "2026-01-01", pack: "crm-implementation@1.0.0" },
      sessions.get(who),
    );
    const location = r.headers.get("location");
    if (r.status !== 302 || !location || new URL(location, server.url).pathname !== `/projects/${expectedId}`) {
      throw new Error(`creating project ${expectedId} as ${who}: ${r.status} ${location}`);
    }
  };
  await newProject("admin", "The administrator's project", ADMINS_PROJECT);
  await newProject("project-manager", "The demo project manager's project", DEMO_PMS_PROJECT);

  // A workshop session on every project (session N on project N), so the session routes have one
  // to find; each project's manager starts it. The walk's intent-only POSTs change none of them.
  for (const [projectId, who] of [[DEMO_PROJECT, "admin"], [ENGLISH_DEMO_PROJECT, "admin"], [ADMINS_PROJECT, "admin"], [DEMO_PMS_PROJECT, "project-manager"]] as const) {
    if (projectId === ENGLISH_DEMO_PROJECT) {
      // Every phase of the English demo is signed, and no session may start on a signed phase
      // (decision 038): its session is one held before the signing, written as the app writes one.
      const token = randomBytes(24).toString("base64url");
      const db = new Database(server.databasePath);
      try {
        db.pragma("busy_timeout = 5000");
        db.prepare("insert into workshop_sessions (project_id, phase_id, step_id, code, token_hash, facilitator_name, started_at) values (?, 'vision', 'vision-workshop', 'WALK22', ?, 'Walk facilitator', ?)").run(
          projectId,
          createHash("sha256").update(token).digest("hex"),
          new Date().toISOString(),
        );
      } finally {
        db.close();
      }
      joinTokens.set(projectId, token);
      continue;
    }
    const r = await post(`/projects/${projectId}/workshops`, { intent: "start", phaseId: "vision", stepId: "vision-workshop" }, sessions.get(who));
    const cookie = r.headers.get("set-cookie") ?? "";
    if (r.status !== 302 || !cookie.startsWith(`gambegam_ws_${projectId}=`)) throw new Error(`starting a workshop on project ${projectId}: ${r.status} ${cookie}`);
    joinTokens.set(projectId, decodeURIComponent(cookie.split(";")[0]!.split("=")[1]!));
  }

  const started = performance.now();
  await pool(visits, 4, async (v) => {
    answers.set(v, await visit(v));
  });
  walkMillis = performance.now() - started;
}, 180_000);

afterAll(async () => {
  if (walkMillis) {
    const tally = new Map<string, number>();
    for (const [v, a] of answers) tally.set(`${v.expected}→${a.status}`, (tally.get(`${v.expected}→${a.status}`) ?? 0) + 1);
    const summary = [...tally].sort().map(([k, n]) => `${k}: ${n}`).join(", ");
    console.log(`permission walk: ${visits.length} requests in ${Math.round(walkMillis)} ms (expected→status: ${summary})`);
  }
  await server?.stop();
});

/** "/login?returnTo=..." (the location may be absolute): its returnTo, or null when it is not a sign-in redirect. */
function loginReturnTo(answer: Answer): string | null {
  if (answer.status !== 302 || !answer.location) return null;
  const target = new URL(answer.location, server.url);
  if (target.pathname !== "/login" || !target.search.startsWith("?returnTo=")) return null;
  return target.searchParams.get("returnTo");
}

describe("the permission walk over HTTP", () => {
  test.each(visits)("$name", (v) => {
    const answer = answers.get(v);
    expect(answer, `${v.name}: no answer recorded`).toBeDefined();
    const { status, location } = answer!;
    const got = `${v.name}; got ${status}${location ? ` → ${location}` : ""}`;
    expect(status, got).toBeLessThan(500);
    switch (v.expected) {
      case "login":
        expect(status, got).toBe(302);
        expect(loginReturnTo(answer!), got).toBe(v.path);
        break;
      case "404":
        expect(status, got).toBe(404);
        break;
      case "403":
        expect(status, got).toBe(403);
        break;
      case "allowed":
        expect(status, got).not.toBe(403);
        // An administrator's page about one project (deleting it, decision 047) finds no project that does not exist.
        if (!(v.probe.requirement === "admin" && v.projectId === MISSING_PROJECT)) expect(status, got).not.toBe(404);
        expect(loginReturnTo(answer!), got).toBeNull();
        if (v.probe.refuse) expect(status, got).toBe(v.probe.refuse);
        break;
      case "public":
        expect(status, got).not.toBe(403);
        if (v.probe.refuse) expect(status, got).toBe(v.probe.refuse);
        break;
    }
  });

  const publicProbes = probes.filter((p) => p.requirement === "public");
  test.each(publicProbes)("$label (public): every signed-in identity gets the same status", (probe) => {
    const statuses = Object.fromEntries(
      visits.filter((v) => v.probe === probe && SIGNED_IN.includes(v.identity)).map((v) => [v.identity, answers.get(v)?.status]),
    );
    expect(Object.keys(statuses).sort()).toEqual([...SIGNED_IN].sort());
    const distinct = new Set(Object.values(statuses));
    expect(distinct.size, `${probe.label}: signed-in identities disagree: ${JSON.stringify(statuses)}`).toBe(1);
  });

  test("the walk left every session it relies on signed in", async () => {
    for (const identity of SIGNED_IN) {
      const r = await fetch(`${server.url}/account`, { headers: { Cookie: sessions.get(identity)! }, redirect: "manual" });
      await r.body?.cancel();
      expect(r.status, `GET /account as ${identity} after the walk`).toBe(200);
    }
  });
});

// ---------------------------------------------------------------------------
// 3. A workshop participant's link and cookie (decision 039)
// ---------------------------------------------------------------------------

describe("a workshop participant's link and cookie hold one session and nothing else", () => {
  let participant = "";
  const token = () => joinTokens.get(DEMO_PROJECT)!;
  const get = (path: string, cookie: string) => fetch(server.url + path, { headers: { Cookie: cookie }, redirect: "manual" });

  test("joining by the link, with a name only, sets a cookie for the phone pages, named after the session", async () => {
    const r = await post(`/w/${token()}`, { intent: "join", name: "Walk participant" });
    expect(r.status).toBe(303);
    const set = r.headers.get("set-cookie") ?? "";
    expect(set).toMatch(new RegExp(`^gambegam_wp_${DEMO_PROJECT}=`));
    expect(set).toMatch(/; Path=\/w\/;/);
    expect(set).toMatch(/; HttpOnly/);
    expect(set).toMatch(/; SameSite=Lax/);
    participant = set.split(";")[0]!;
    const page = await get(`/w/${token()}`, participant);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("Walk participant");
    const events = await get(`/w/${token()}/events`, participant);
    expect(events.status).toBe(200);
    expect(events.headers.get("content-type")).toMatch(/^text\/event-stream/);
    await events.body?.cancel();
  });

  test("it opens no project page, not even the session's projector", async () => {
    for (const path of ["/projects", `/projects/${DEMO_PROJECT}`, pathFor("/projects/:projectId/phases/:phaseId/steps/:stepId", DEMO_PROJECT), `/projects/${DEMO_PROJECT}/workshops/${DEMO_PROJECT}/projector`, `/projects/${DEMO_PROJECT}/history`, `/projects/${DEMO_PROJECT}/documents`]) {
      const r = await get(path, participant);
      await r.body?.cancel();
      expect(loginReturnTo({ status: r.status, location: r.headers.get("location") }), `GET ${path} with a participant's cookie`).toBe(path);
    }
  });

  test("it writes nothing to the project: answers and the facilitator's controls send it to sign in", async () => {
    for (const [path, fields] of [
      [pathFor("/projects/:projectId/phases/:phaseId/steps/:stepId", DEMO_PROJECT), { intent: "answer", itemId: "x", value: "y" }],
      [`/projects/${DEMO_PROJECT}/workshops/${DEMO_PROJECT}`, { intent: "end", confirm: "yes" }],
      [`/projects/${DEMO_PROJECT}/workshops`, { intent: "start", phaseId: "vision", stepId: "vision-workshop" }],
    ] as const) {
      const r = await post(path, fields, participant);
      await r.body?.cancel();
      expect(r.status, `POST ${path} with a participant's cookie`).toBe(302);
      expect(new URL(r.headers.get("location")!, server.url).pathname).toBe("/login");
    }
    const still = await get(`/w/${token()}`, participant);
    expect(await still.text(), "the session was ended by a participant").toContain("Walk participant");
  });

  test("another session's link does not take it, even renamed for that session", async () => {
    const other = joinTokens.get(ENGLISH_DEMO_PROJECT)!;
    const forged = participant.replace(`gambegam_wp_${DEMO_PROJECT}=`, `gambegam_wp_${ENGLISH_DEMO_PROJECT}=`);
    const page = await get(`/w/${other}`, forged);
    const html = await page.text();
    expect(page.status).toBe(200);
    expect(html).not.toContain("Walk participant");
    expect(html).toContain('name="intent" value="join"');
    const vote = await post(`/w/${other}`, { intent: "vote", activityId: "1", option: "0" }, forged);
    await vote.body?.cancel();
    expect(vote.status).toBe(403);
    const events = await get(`/w/${other}/events`, forged);
    await events.body?.cancel();
    expect(events.status).toBe(403);
  });

  test("it dies with the session: the link says so, votes and the event stream are refused", async () => {
    const end = await post(`/projects/${DEMO_PROJECT}/workshops/${DEMO_PROJECT}`, { intent: "end", confirm: "yes" }, sessions.get("admin"));
    await end.body?.cancel();
    expect(end.status).toBe(302);
    const page = await get(`/w/${token()}`, participant);
    expect(page.status).toBe(410);
    expect(await page.text()).not.toContain("Walk participant");
    const vote = await post(`/w/${token()}`, { intent: "vote", activityId: "1", option: "0" }, participant);
    await vote.body?.cancel();
    expect(vote.status).toBe(410);
    const events = await get(`/w/${token()}/events`, participant);
    await events.body?.cancel();
    expect(events.status).toBe(404);
  });
});
