/**
 * The live endpoint's stream, in process: an event arrives, and a page that
 * goes away (the request aborted) leaves no listener and no presence row.
 */
import { afterAll, beforeAll, expect, test } from "vitest";
import { demoProjectDatabase } from "#tests/setup/demo-project.ts";
import { writeTransaction } from "#db/client.ts";
import { announce, createSqliteFeed, presenceRows, type LiveFeed } from "./live.server.ts";
import { liveStream } from "./live-stream.server.ts";
import { hashPassword, insertUser } from "./auth.server.ts";

const { db, projectId } = demoProjectDatabase();
let feed: LiveFeed;
let userId: number;
beforeAll(async () => {
  userId = insertUser(db, { email: "stream@example.com", displayName: "Stream" }, await hashPassword("stream password 1")).id;
  feed = createSqliteFeed(db, 30);
});
afterAll(() => feed.stop());

test("a change arrives as an event with an id; aborting the request frees the listener and the presence row", async () => {
  const abort = new AbortController();
  const res = liveStream({ db, feed, projectId, userId, place: "vision/vision-customer-strategy", after: null, signal: abort.signal, heartbeatMs: 50 });
  expect(res.headers.get("Content-Type")).toMatch(/^text\/event-stream/);
  expect(feed.listenerCount()).toBe(1);
  expect(presenceRows(db)).toHaveLength(1);
  const reader = res.body!.getReader();
  writeTransaction(db, (tx) => announce(tx, { projectId, topic: "answer:vision.segments", by: userId }));
  let text = "";
  const until = Date.now() + 2000;
  while (!text.includes("event: change") && Date.now() < until) text += new TextDecoder().decode((await reader.read()).value);
  expect(text).toMatch(/id: \d+\nevent: change\ndata: \{"topic":"answer:vision.segments","by":\d+,"byName":"Stream"/);
  // Heartbeats are comments.
  while (!text.includes(": beat") && Date.now() < until) text += new TextDecoder().decode((await reader.read()).value);
  expect(text).toContain(": beat\n\n");
  abort.abort();
  expect(feed.listenerCount()).toBe(0);
  expect(presenceRows(db)).toHaveLength(0);
  // The stream ends (after what was already queued).
  let done = false;
  for (let i = 0; i < 10 && !done; i++) done = (await reader.read()).done;
  expect(done).toBe(true);
});

test("a burst of a workshop's changes (sixty phones voting) reaches a page at most once a window, the last one after it; other changes at once", async () => {
  const abort = new AbortController();
  const res = liveStream({ db, feed, projectId, userId, place: "", after: null, signal: abort.signal, heartbeatMs: 60_000 });
  const reader = res.body!.getReader();
  let text = "";
  // One read outstanding at a time (a read left behind by a timeout would take the next chunk).
  let pending: Promise<ReadableStreamReadResult<Uint8Array>> | null = null;
  const read = async (ms: number) => {
    const until = Date.now() + ms;
    while (Date.now() < until) {
      pending ??= reader.read();
      const chunk = await Promise.race([pending, new Promise<null>((r) => setTimeout(() => r(null), Math.max(0, until - Date.now())))]);
      if (chunk) {
        pending = null;
        if (chunk.value) text += new TextDecoder().decode(chunk.value);
      }
    }
  };
  const ids: number[] = [];
  for (let i = 0; i < 20; i++) writeTransaction(db, (tx) => announce(tx, { projectId, topic: "workshop:77", by: null }));
  writeTransaction(db, (tx) => announce(tx, { projectId, topic: "answer:vision.segments", by: userId }));
  await read(200);
  const events = () => [...text.matchAll(/id: (\d+)\nevent: change\ndata: \{"topic":"([^"]+)"/g)].map((m) => ({ id: Number(m[1]), topic: m[2] }));
  expect(events().filter((e) => e.topic === "workshop:77")).toHaveLength(1);
  expect(events().filter((e) => e.topic === "answer:vision.segments")).toHaveLength(1);
  await read(500);
  const workshop = events().filter((e) => e.topic === "workshop:77");
  expect(workshop).toHaveLength(2);
  ids.push(...workshop.map((e) => e.id));
  // The second is the burst's last change: nothing of it is left unannounced.
  const last = db.$client.prepare("SELECT max(id) FROM live_changes WHERE topic = 'workshop:77'").pluck().get() as number;
  expect(ids.at(-1)).toBe(last);
  abort.abort();
});
