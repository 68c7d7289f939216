/**
 * A fresh database holding the Mehregan demo project, for one test file:
 * call it at the top level of the file; the database (and its presence file)
 * is closed and removed when the file's tests are done.
 *
 *     const { db, projectId, pack } = demoProjectDatabase();
 */
import { afterAll } from "vitest";
import type { Db } from "#db/client.ts";
import { seedDemoProject } from "#db/seed-demo.ts";
import { getPacks } from "#methodology/registry.ts";
import type { Pack } from "#methodology/schema.ts";
import { tempDatabase } from "./db.ts";

export function demoProjectDatabase(): { db: Db; projectId: number; pack: Pack; file: string } {
  const pack = getPacks().get("crm-implementation", "1.0.0")!;
  const t = tempDatabase();
  const projectId = seedDemoProject(t.db, pack);
  afterAll(() => t.cleanup());
  return { db: t.db, projectId, pack, file: t.file };
}
