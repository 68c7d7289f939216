import { expect, test } from "vitest";
import { tempDatabase } from "#tests/setup/db.ts";
import { databaseReads } from "./liveness.server.ts";

test("the health check passes on a migrated database and fails once it cannot be read", () => {
  const t = tempDatabase();
  try {
    expect(databaseReads(t.db)).toBe(true);
    expect(databaseReads(t.db)).toBe(true);
    t.db.$client.close();
    expect(databaseReads(t.db)).toBe(false);
  } finally {
    t.cleanup();
  }
});
