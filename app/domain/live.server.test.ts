/**
 * The change feed (decision 037): a change saved through one database
 * connection reaches a listener on another connection to the same file (as
 * two server processes share it), and a refused or rolled-back write
 * announces nothing.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { openDatabase, writeTransaction, type Db } from "#db/client.ts";
import { demoProjectDatabase } from "#tests/setup/demo-project.ts";
import { findItem } from "#methodology/load.ts";
import type { QuestionItem, RegisterItem } from "#methodology/schema.ts";
import { addRow, saveAnswer } from "./answers.server.ts";
import { announce, beHere, createSqliteFeed, leave, whoIsHere, type LiveChange, type LiveFeed } from "./live.server.ts";
import { databaseVersion } from "#app/page-memo.server.ts";
import { insertUser, hashPassword } from "./auth.server.ts";
import { saveThreshold } from "./method-settings.server.ts";
import { topicOf } from "./live.server.ts";

const { db, file, projectId, pack } = demoProjectDatabase();
let other: Db;
let feed: LiveFeed;
const by = { id: null, name: "Test" };

beforeAll(() => {
  other = openDatabase(file);
  feed = createSqliteFeed(other, 50);
});
afterAll(() => {
  feed.stop();
  other.$client.close();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function listen(id = projectId) {
  const got: LiveChange[] = [];
  const off = feed.subscribe(id, (c) => got.push(c));
  return { got, off };
}

describe("the change feed", () => {
  test("a change announced on one connection reaches a listener on another connection to the same file", async () => {
    const { got, off } = listen();
    writeTransaction(db, (tx) => announce(tx, { projectId, topic: "project", by: null }));
    await sleep(300);
    off();
    expect(got.map((c) => [c.projectId, c.topic])).toEqual([[projectId, "project"]]);
    expect(feed.listenerCount()).toBe(0);
  });

  test("a saved answer and an added row are announced by topic; another project's listener hears nothing", async () => {
    const mine = listen();
    const elsewhere = listen(projectId + 1000);
    const question = findItem(pack, "vision.value-proposition") as QuestionItem;
    const register = findItem(pack, "vision.segments") as RegisterItem;
    const base = saveAnswer(db, { projectId, item: question, baseVersion: 0, raw: "x", by }) as { version?: number; conflict?: { theirsVersion: number } };
    const version = base.version ?? base.conflict!.theirsVersion;
    saveAnswer(db, { projectId, item: question, baseVersion: version, raw: `live ${Date.now()}`, by });
    expect(addRow(db, { projectId, item: register, raw: { name: "Live segment" }, by }).status).toBe("saved");
    await sleep(300);
    mine.off();
    elsewhere.off();
    expect(mine.got.map((c) => c.topic)).toContain("answer:vision.value-proposition");
    expect(mine.got.map((c) => c.topic)).toContain("row:vision.segments");
    expect(elsewhere.got).toEqual([]);
  });

  test("a refused write (stale version, invalid value) and a rolled-back transaction announce nothing", async () => {
    const { got, off } = listen();
    const question = findItem(pack, "vision.value-proposition") as QuestionItem;
    expect(saveAnswer(db, { projectId, item: question, baseVersion: 0, raw: "stale", by }).status).toBe("conflict");
    expect(() =>
      writeTransaction(db, (tx) => {
        announce(tx, { projectId, topic: "project", by: null });
        throw new Error("refused");
      }),
    ).toThrow("refused");
    await sleep(300);
    off();
    expect(got).toEqual([]);
  });

  test("a method setting is announced too; every history action has a topic", async () => {
    const { got, off } = listen();
    expect(saveThreshold(db, { projectId, pack, key: "overnight-window-days", raw: "12", baseVersion: 0, by }).status).toBe("saved");
    await sleep(300);
    off();
    expect(got.map((c) => c.topic)).toEqual(["project"]);
    expect(topicOf({ action: "answer.save", itemId: "vision.value-proposition" })).toBe("answer:vision.value-proposition");
    expect(topicOf({ action: "row.move", itemId: "vision.segments" })).toBe("row:vision.segments");
    expect(topicOf({ action: "selection.import", itemId: "selection.responses" })).toBe("row:selection.responses");
    expect(topicOf({ action: "signoff.approved", phaseId: "vision" })).toBe("signoff:vision");
    expect(topicOf({ action: "member.add" })).toBe("project");
  });

  test("a dropped connection resumes from the last id it saw", () => {
    const before = feed.since(projectId, 0).at(-1)!.id;
    writeTransaction(db, (tx) => announce(tx, { projectId, topic: "signoff:vision", by: null }));
    expect(feed.since(projectId, before).map((c) => c.topic)).toEqual(["signoff:vision"]);
  });
});

describe("presence", () => {
  test("who is on a step: others only, each once, gone when they leave or go quiet", async () => {
    const a = insertUser(db, { email: "live-a@example.com", displayName: "Ava" }, await hashPassword("a-long-password-1"));
    const b = insertUser(db, { email: "live-b@example.com", displayName: "Bahram" }, await hashPassword("a-long-password-2"));
    const place = "vision/vision-customer-strategy";
    const { got, off } = listen();
    beHere(db, { clientId: "tab-a1", projectId, userId: a.id, place });
    beHere(other, { clientId: "tab-a2", projectId, userId: a.id, place });
    beHere(other, { clientId: "tab-b", projectId, userId: b.id, place });
    expect(whoIsHere(other, projectId, place, b.id)).toEqual([{ userId: a.id, name: "Ava" }]);
    expect(whoIsHere(db, projectId, place, a.id)).toEqual([{ userId: b.id, name: "Bahram" }]);
    leave(db, "tab-b");
    expect(whoIsHere(db, projectId, place, a.id)).toEqual([]);
    // Thirty seconds without a heartbeat: gone.
    expect(whoIsHere(db, projectId, place, b.id, new Date(Date.now() + 31_000))).toEqual([]);
    await sleep(300);
    off();
    expect(got.filter((c) => c.topic === `presence:${place}`).length).toBe(4);
  });

  test("a heartbeat leaves the project database's version as it was, so the page memo stays valid", async () => {
    const c = insertUser(db, { email: "live-c@example.com", displayName: "Cyrus" }, await hashPassword("a-long-password-3"));
    const tab = { clientId: "tab-c", projectId, userId: c.id, place: "vision/vision-customer-strategy" };
    beHere(db, tab); // the arrival is announced: that may move it
    const before = [databaseVersion(db), databaseVersion(other)];
    beHere(other, tab);
    beHere(db, tab);
    beHere(other, tab);
    expect([databaseVersion(db), databaseVersion(other)]).toEqual(before);
    expect(whoIsHere(other, projectId, tab.place, null).map((p) => p.name)).toContain("Cyrus");
    leave(other, tab.clientId);
  });
});
