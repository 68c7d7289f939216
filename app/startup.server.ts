/**
 * Runs once before the server takes requests: checks every methodology pack
 * (a bad definition stops the server with a message naming the item), opens
 * the database (applying migrations) and creates the demo project on a fresh
 * database.
 */
import { getDb } from "#db/client.ts";
import { seedDemoIfEmpty } from "#db/seed-demo.ts";
import { getPacks } from "#methodology/registry.ts";

export async function prepareServer(options: { seedDemo?: boolean } = {}) {
  const packs = getPacks();
  const db = getDb();
  const demo = options.seedDemo === false ? null : seedDemoIfEmpty(db);
  return { packs: packs.packs.map((p) => `${p.id}@${p.version}`), demoProjectId: demo };
}
