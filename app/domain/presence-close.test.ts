/**
 * The presence file (`<DATABASE_PATH>-presence`, decision 037) is closed with
 * its database: tests open and close many databases, and a store left open
 * keeps its file handle for the life of the process.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "vitest";
import { closeDb, getDb } from "#db/client.ts";
import { tempDatabase } from "#tests/setup/db.ts";
import { presenceStore } from "./live.server.ts";

test("closeDb() closes the process database's presence file too", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "gambegam-presence-"));
  const before = process.env.DATABASE_PATH;
  process.env.DATABASE_PATH = path.join(dir, "db.sqlite");
  try {
    closeDb();
    const store = presenceStore(getDb());
    expect(store.open).toBe(true);
    closeDb();
    expect(store.open).toBe(false);
  } finally {
    closeDb();
    if (before === undefined) delete process.env.DATABASE_PATH;
    else process.env.DATABASE_PATH = before;
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test("a test database's cleanup closes its presence file", () => {
  const t = tempDatabase();
  const store = presenceStore(t.db);
  t.cleanup();
  expect(store.open).toBe(false);
});
