/**
 * Live updates over HTTP (decision 037), against two production servers
 * sharing one database file: a change saved through one reaches a page
 * listening on the other within a second, through compression; presence
 * shows who else is on a step and drops them when they leave; bad query
 * input is a 400 that writes nothing.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { form, signIn, startServer, type RunningServer } from "#tests/setup/server.ts";

const STEP = "/projects/1/phases/vision/steps/vision-customer-strategy";
const PLACE = "vision/vision-customer-strategy";
const ITEM = "vision.value-proposition";
const PM = "s.ahmadi@mehregan.example";
const TEAM = "n.rahimi@mehregan.example";

let dir: string;
let a: RunningServer;
let b: RunningServer;
let pmCookie: string;
let teamCookie: string;
let reader: Database.Database;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "gambegam-live-"));
  const databasePath = path.join(dir, "shared.sqlite");
  a = await startServer({ DATABASE_PATH: databasePath });
  b = await startServer({ DATABASE_PATH: databasePath });
  pmCookie = await signIn(a.url, PM);
  teamCookie = await signIn(b.url, TEAM);
  reader = new Database(databasePath, { readonly: true });
}, 120_000);

afterAll(async () => {
  reader?.close();
  await a?.stop();
  await b?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

type Event = { event: string; id?: string; data: string };

/** Opens the live stream and collects its events until `close()`. */
async function listen(url: string, cookie: string, query = "", headers: Record<string, string> = {}) {
  const controller = new AbortController();
  const r = await fetch(`${url}/projects/1/live${query}`, { headers: { Cookie: cookie, "Accept-Encoding": "gzip, deflate, br", ...headers }, signal: controller.signal });
  const events: Event[] = [];
  let buffer = "";
  const decoder = new TextDecoder();
  const done = (async () => {
    try {
      for await (const chunk of r.body as unknown as AsyncIterable<Uint8Array>) {
        buffer += decoder.decode(chunk, { stream: true });
        let cut: number;
        while ((cut = buffer.indexOf("\n\n")) >= 0) {
          const block = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          const e: Event = { event: "message", data: "" };
          for (const line of block.split("\n")) {
            if (line.startsWith("event: ")) e.event = line.slice(7);
            else if (line.startsWith("id: ")) e.id = line.slice(4);
            else if (line.startsWith("data: ")) e.data += line.slice(6);
          }
          if (e.data) events.push(e);
        }
      }
    } catch {
      // aborted
    }
  })();
  const waitFor = async (pred: (e: Event) => boolean, ms = 1000): Promise<Event> => {
    const until = Date.now() + ms;
    for (;;) {
      const hit = events.find(pred);
      if (hit) return hit;
      if (Date.now() > until) throw new Error(`no such event within ${ms} ms; got ${JSON.stringify(events)}`);
      await new Promise((res) => setTimeout(res, 20));
    }
  };
  return { response: r, events, waitFor, close: async () => (controller.abort(), await done) };
}

function storedVersion(itemId: string): number {
  return (reader.prepare("select version from answers where project_id = 1 and item_id = ?").get(itemId) as { version: number } | undefined)?.version ?? 0;
}

async function saveAnswer(url: string, cookie: string, value: string) {
  const r = await fetch(`${url}${STEP}.data`, {
    method: "POST",
    body: form({ intent: "answer", itemId: ITEM, version: String(storedVersion(ITEM)), value }),
    headers: { Cookie: cookie },
    redirect: "manual",
  });
  await r.body?.cancel();
  expect(r.status).toBe(200);
}

describe("the live endpoint", () => {
  test("an answer saved through one server reaches a page listening on the other within a second, uncompressed and unbuffered", async () => {
    const live = await listen(b.url, teamCookie, `?place=${PLACE}`);
    expect(live.response.status).toBe(200);
    expect(live.response.headers.get("content-type")).toMatch(/^text\/event-stream/);
    expect(live.response.headers.get("content-encoding")).toBeNull();
    await live.waitFor((e) => e.event === "presence");
    const started = Date.now();
    await saveAnswer(a.url, pmCookie, `Live from the other server ${started}`);
    const change = await live.waitFor((e) => e.event === "change" && JSON.parse(e.data).topic === `answer:${ITEM}`);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(JSON.parse(change.data)).toMatchObject({ topic: `answer:${ITEM}`, byName: "سارا احمدی" });
    expect(Number(change.id)).toBeGreaterThan(0);
    await live.close();
  });

  test("a page that reconnects with Last-Event-ID gets the changes it missed", async () => {
    const last = (reader.prepare("select max(id) as id from live_changes").get() as { id: number }).id;
    await saveAnswer(a.url, pmCookie, `While away ${Date.now()}`);
    const live = await listen(b.url, teamCookie, "", { "Last-Event-ID": String(last) });
    await live.waitFor((e) => e.event === "change" && JSON.parse(e.data).topic === `answer:${ITEM}`);
    await live.close();
  });

  test("presence: each sees the other on the step by name, not themselves; leaving removes them at once", async () => {
    const team = await listen(b.url, teamCookie, `?place=${PLACE}`);
    const pm = await listen(a.url, pmCookie, `?place=${PLACE}`);
    await team.waitFor((e) => e.event === "presence" && JSON.parse(e.data).includes("سارا احمدی"));
    const seenByPm = await pm.waitFor((e) => e.event === "presence" && JSON.parse(e.data).length > 0);
    expect(JSON.parse(seenByPm.data)).toEqual(["نرگس رحیمی"]);
    const before = team.events.length;
    await pm.close();
    await team.waitFor((e) => team.events.indexOf(e) >= before && e.event === "presence" && !JSON.parse(e.data).includes("سارا احمدی"));
    await team.close();
    // Both connections gone: no presence row is left behind.
    await new Promise((res) => setTimeout(res, 300));
    expect(reader.prepare("select count(*) as n from presence").get()).toEqual({ n: 0 });
  });

  test("a place or resume id that is not one is refused with 400 and writes nothing", async () => {
    const count = () => (reader.prepare("select count(*) as n from presence").get() as { n: number }).n;
    for (const query of ["?place=../../etc", "?place=vision", `?place=${"x".repeat(300)}/y`, "?after=-1", "?after=abc", "?after=1e9"]) {
      const r = await fetch(`${b.url}/projects/1/live${query}`, { headers: { Cookie: teamCookie } });
      await r.body?.cancel();
      expect(r.status, query).toBe(400);
    }
    const r = await fetch(`${b.url}/projects/1/live`, { headers: { Cookie: teamCookie, "Last-Event-ID": "x" } });
    await r.body?.cancel();
    expect(r.status).toBe(400);
    expect(count()).toBe(0);
  });

  test("someone who may not read the project cannot listen to it", async () => {
    const anonymous = await fetch(`${b.url}/projects/1/live`, { redirect: "manual" });
    expect(anonymous.status).toBe(302);
    const missing = await fetch(`${b.url}/projects/999/live`, { headers: { Cookie: teamCookie } });
    expect(missing.status).toBe(404);
  });
});
