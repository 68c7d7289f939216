/**
 * Whether the server can do its work: it answers, and its database reads.
 * For monitoring (GET /health) and as the benchmark's bare route.
 */
import type Database from "better-sqlite3";
import type { Db } from "#db/client.ts";

const probes = new WeakMap<Database.Database, Database.Statement>();

export function databaseReads(db: Db): boolean {
  try {
    let probe = probes.get(db.$client);
    if (!probe) {
      probe = db.$client.prepare("select count(*) as n from __drizzle_migrations");
      probes.set(db.$client, probe);
    }
    return (probe.get() as { n: number }).n > 0;
  } catch {
    return false;
  }
}
