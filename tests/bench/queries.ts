/**
 * The hot single-row lookups every request (or every save) makes, timed
 * through the app's own functions on the large project's database, and
 * whether they go through statements prepared once: the better-sqlite3
 * connection's `prepare` is counted while they run.
 */
import { performance } from "node:perf_hooks";
import type { Db } from "../../db/client.ts";
import { getProject } from "../../app/domain/projects.server.ts";
import { createSession, findUserByEmail, userForToken } from "../../app/domain/auth.server.ts";
import { roleIn } from "../../app/domain/guard.server.ts";
import { getAnswer, getRow } from "../../app/domain/answers.server.ts";
import { loadProjectData } from "../../app/domain/projects.server.ts";

export type QueryTiming = { name: string; key: string; microseconds: number; preparesPerCall: number };

const RUNS = 20_000;

export function benchHotQueries(db: Db, projectId: number, email: string): QueryTiming[] {
  const user = findUserByEmail(db, email)!;
  const token = createSession(db, user.id);
  const data = loadProjectData(db, projectId);
  const [itemId] = [...data.answers.keys()];
  const row = data.rows.get("requirements.register")![250]!;
  const cases: Array<{ name: string; key: string; run: () => unknown }> = [
    { name: "project by id", key: "projectById", run: () => getProject(db, projectId) },
    { name: "session (and its user) by token", key: "sessionByToken", run: () => userForToken(db, token) },
    { name: "role of a user in a project", key: "roleInProject", run: () => roleIn(projectId, user.id, db) },
    { name: "answer by item", key: "answerByItem", run: () => getAnswer(db, projectId, itemId!) },
    { name: "register row by id", key: "rowById", run: () => getRow(db, projectId, "requirements.register", row.id) },
  ];
  const client = db.$client;
  const original = client.prepare;
  let prepares = 0;
  client.prepare = function (this: typeof client, ...args: Parameters<typeof original>) {
    prepares++;
    return original.apply(this, args);
  } as typeof original;
  try {
    return cases.map((c) => {
      if (!c.run()) throw new Error(`bench: ${c.name} found nothing`);
      for (let i = 0; i < 1000; i++) c.run();
      prepares = 0;
      const t0 = performance.now();
      for (let i = 0; i < RUNS; i++) c.run();
      const microseconds = ((performance.now() - t0) * 1000) / RUNS;
      return { name: c.name, key: c.key, microseconds, preparesPerCall: prepares / RUNS };
    });
  } finally {
    client.prepare = original;
  }
}
