/**
 * A live workshop under load (issue 19, decision 038), on the production
 * server: one session on a step of the large project, one goal-scoring
 * activity, 60 phones that join by name and each cast and change 10 ballots
 * at random moments over two minutes, through the phone page's own form post
 * (`POST /w/<token>`, intent `vote`), as a browser without script sends it.
 * Listening meanwhile: the projector's connection to the project's live
 * stream, three team members' (on the step, with presence), and each phone's
 * own event stream, which — as `public/w.js` does — asks for the phone page
 * again after each `change` (one request at a time per phone).
 *
 * Reported, with their targets:
 * - votes lost: acknowledged casts (a 303 answer) that the database does not
 *   hold — the sum over participants of acknowledged casts minus the stored
 *   ballot's cast count, plus any participant whose stored ballot is not the
 *   last one acknowledged (target 0);
 * - vote latency p99, post → answer (target < 300 ms);
 * - projector delay p95: from a vote's answer to the projector's first event
 *   with a change id at least that of the session's latest change when the
 *   answer arrived — read from the database file, so an upper bound
 *   (target ≤ 1 s);
 * - the server's resident memory before the session, at its height, and after
 *   it ended and every phone left (flat: after − before ≤ 30 MiB).
 *
 * The facilitator's own steps (start, add and open the activity, end) go
 * through the domain functions on the same database file, as a second
 * process would: the figures are the room's.
 *
 * Diagnostics (not for the reported figures): `BENCH_NO_REFRESH=1` keeps the
 * phones from asking for their page again (what their refreshes cost);
 * `BENCH_DEBUG=1` prints every vote slower than 2 s.
 */
import Database from "better-sqlite3";
import { performance } from "node:perf_hooks";
import { openDatabase } from "../../db/client.ts";
import { loadProjectData } from "../../app/domain/projects.server.ts";
import { addActivity, endSession, openActivity, startSession } from "../../app/domain/workshop.server.ts";
import type { Pack } from "../../methodology/schema.ts";
import type { Figure } from "./report.ts";
import { signIn, startProductionServer } from "./http.ts";

export const WORKSHOP = {
  participants: 60,
  votesEach: 10,
  seconds: 120,
  teamStreams: 3,
} as const;
export const WORKSHOP_TARGETS = {
  lost: 0,
  voteP99Ms: 300,
  projectorP95Ms: 1000,
  rssGrowthMiB: 30,
} as const;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function quantile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const v = values.slice().sort((a, b) => a - b);
  return v[Math.min(v.length - 1, Math.max(0, Math.ceil(p * v.length) - 1))]!;
}

/** An open Server-Sent Events connection: every event with its id and arrival time, until `close()`. */
type Stream = {
  events: Array<{ id: number | null; event: string; data: string; at: number }>;
  close: () => void;
  opened: Promise<void>;
};

function openStream(url: string, headers: Record<string, string>, onEvent?: (event: string) => void): Stream {
  const controller = new AbortController();
  const events: Stream["events"] = [];
  let markOpen = () => {};
  const opened = new Promise<void>((r) => (markOpen = r));
  void (async () => {
    try {
      const r = await fetch(url, {
        headers: { accept: "text/event-stream", ...headers },
        signal: controller.signal,
      });
      if (!r.ok || !r.body) throw new Error(`event stream ${url}: ${r.status}`);
      markOpen();
      const decoder = new TextDecoder();
      let buffer = "";
      for await (const chunk of r.body as unknown as AsyncIterable<Uint8Array>) {
        buffer += decoder.decode(chunk, { stream: true });
        let end: number;
        while ((end = buffer.indexOf("\n\n")) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          let id: number | null = null;
          let event = "message";
          let data = "";
          for (const line of block.split("\n")) {
            if (line.startsWith("id: ")) id = Number(line.slice(4));
            else if (line.startsWith("event: ")) event = line.slice(7);
            else if (line.startsWith("data: ")) data += line.slice(6);
          }
          if (event === "message" && !data) continue;
          events.push({ id, event, data, at: performance.now() });
          onEvent?.(event);
        }
      }
    } catch (e) {
      markOpen();
      if (!controller.signal.aborted) console.error(`bench: event stream ${url} failed: ${(e as Error).message}`);
    }
  })();
  return { events, close: () => controller.abort(), opened };
}

type Phone = {
  name: string;
  cookie: string;
  acked: number;
  lastAcked: Record<string, Record<string, number>> | null;
  refused: number;
  /** Posts whose connection failed (no answer at all). */
  failed: number;
  stream: Stream | null;
  refreshing: boolean;
  refreshes: number;
};

export async function benchWorkshop(
  databasePath: string,
  projectId: number,
  pack: Pack,
  signInEmail: string,
  seconds: number = WORKSHOP.seconds,
): Promise<{ figures: Figure[]; extra: Record<string, unknown> }> {
  const phase = pack.phases.find((p) => p.id === "goals") ?? pack.phases[0]!;
  const stepId = phase.steps[0]!.id;
  const db = openDatabase(databasePath);
  const reader = new Database(databasePath, {
    readonly: true,
    fileMustExist: true,
  });
  const server = await startProductionServer(databasePath, "/health");
  try {
    const cookie = await signIn(server.url, signInEmail);

    /** One whole session: start, 60 phones join and vote for `seconds`, the session ends and everyone leaves. */
    const runSession = async (seconds: number, votesEach: number) => {
      const streams: Stream[] = [];
      try {
        const by = { id: null, name: "Bench facilitator" };
        const session = startSession(db, {
          projectId,
          phaseId: phase.id,
          stepId,
          by,
        });
        const { activityId } = addActivity(db, {
          sessionId: session.sessionId,
          kind: "goal-scores",
          config: { mode: "criteria" },
          by,
        });
        openActivity(db, { sessionId: session.sessionId, activityId, by });
        const data = loadProjectData(db, projectId);
        const goals = (data.rows.get(pack.planning?.goals ?? "goals.register") ?? []).map((r) => String(r.id));
        const criteria = (data.rows.get(pack.planning?.criteria ?? "goals.criteria") ?? []).map((r) => String(r.id));
        const topic = `workshop:${session.sessionId}`;
        const latestChange = reader.prepare("select max(id) as id from live_changes where project_id = ? and topic = ?");

        // The projector and three team members listen to the project's stream.
        const projector = openStream(`${server.url}/projects/${projectId}/live`, { cookie });
        streams.push(projector);
        for (let i = 0; i < WORKSHOP.teamStreams; i++) {
          const member = await signIn(server.url, signInEmail);
          streams.push(openStream(`${server.url}/projects/${projectId}/live?place=${encodeURIComponent(`${phase.id}/${stepId}`)}`, { cookie: member }));
        }
        await Promise.all(streams.map((s) => s.opened));

        // 60 phones join by name through the join link.
        const phonePath = `/w/${session.token}`;
        const phones: Phone[] = [];
        for (let i = 0; i < WORKSHOP.participants; i++) {
          const name = `Participant ${i + 1}`;
          const r = await fetch(server.url + phonePath, {
            method: "POST",
            body: new URLSearchParams({ intent: "join", name }),
            redirect: "manual",
          });
          await r.arrayBuffer();
          const set = r.headers.get("set-cookie")?.split(";")[0];
          if (r.status !== 303 || !set) throw new Error(`bench: joining the workshop answered ${r.status}`);
          phones.push({
            name,
            cookie: set,
            acked: 0,
            lastAcked: null,
            refused: 0,
            failed: 0,
            stream: null,
            refreshing: false,
            refreshes: 0,
          });
        }
        // Each phone's own event stream; on a change it asks for its page again, one request at a time (as w.js).
        for (const p of phones) {
          p.stream = openStream(`${server.url}${phonePath}/events`, { cookie: p.cookie }, (event) => {
            if (event !== "change" || p.refreshing || process.env.BENCH_NO_REFRESH) return;
            p.refreshing = true;
            void fetch(server.url + phonePath, {
              headers: { cookie: p.cookie, accept: "text/html" },
            })
              .then((r) => r.arrayBuffer())
              .catch(() => undefined)
              .finally(() => {
                p.refreshing = false;
                p.refreshes++;
              });
          });
          streams.push(p.stream);
        }
        await Promise.all(phones.map((p) => p.stream!.opened));

        // Every phone casts and changes its ballot 10 times at random moments over two minutes.
        const voteMs: number[] = [];
        const projectorMs: number[] = [];
        const waits: Array<Promise<void>> = [];
        const score = () => Math.floor(Math.random() * 6);
        const t0 = performance.now();
        const cast = async (p: Phone) => {
          const ballot: Record<string, Record<string, number>> = {};
          for (let k = 0; k < 3; k++) {
            const g = goals[Math.floor(Math.random() * goals.length)]!;
            ballot[g] = Object.fromEntries(criteria.map((c) => [c, score()]));
          }
          const body = new URLSearchParams({
            intent: "vote",
            activityId: String(activityId),
          });
          for (const [g, row] of Object.entries(ballot)) for (const [c, v] of Object.entries(row)) body.set(`s:${g}:${c}`, String(v));
          const sent = performance.now();
          let status = 0;
          try {
            const r = await fetch(server.url + phonePath, { method: "POST", body, headers: { cookie: p.cookie }, redirect: "manual" });
            await r.arrayBuffer();
            status = r.status;
          } catch {
            // The connection failed (reset, refused): the phone shows no answer; not acknowledged.
            p.failed++;
            return;
          }
          const acked = performance.now();
          if (status !== 303) {
            p.refused++;
            return;
          }
          voteMs.push(acked - sent);
          if (process.env.BENCH_DEBUG && acked - sent > 2000) console.log(`slow vote: sent at ${((sent - t0) / 1000).toFixed(1)} s, ${Math.round(acked - sent)} ms`);
          p.acked++;
          p.lastAcked = ballot;
          // The projector has seen this vote once it has an event at least as new as the session's latest change now.
          const want = (latestChange.get(projectId, topic) as { id: number | null }).id ?? 0;
          waits.push(
            (async () => {
              for (;;) {
                const seen = projector.events.find((e) => e.event === "change" && e.id !== null && e.id >= want);
                if (seen) return void projectorMs.push(Math.max(0, seen.at - acked));
                if (performance.now() - acked > 10_000) return void projectorMs.push(10_000);
                await sleep(20);
              }
            })(),
          );
        };
        const schedules = phones.map((p) =>
          (async () => {
            const moments = Array.from({ length: votesEach }, () => Math.random() * seconds * 1000).sort((a, b) => a - b);
            for (const m of moments) {
              const wait = t0 + m - performance.now();
              if (wait > 0) await sleep(wait);
              await cast(p);
            }
          })(),
        );
        await Promise.all(schedules);
        await Promise.all(waits);
        const votingSeconds = (performance.now() - t0) / 1000;
        const rssPeak = server.rssMiB();

        // What the database holds against what was acknowledged.
        const stored = db.$client
          .prepare("select p.name as name, b.value as value, b.casts as casts from workshop_ballots b join workshop_participants p on p.id = b.participant_id where b.activity_id = ?")
          .all(activityId) as Array<{
          name: string;
          value: string;
          casts: number;
        }>;
        const byName = new Map(stored.map((s) => [s.name, s]));
        let lost = 0;
        for (const p of phones) {
          const s = byName.get(p.name);
          if (p.acked === 0) continue;
          if (!s) {
            lost += p.acked;
            continue;
          }
          lost += Math.max(0, p.acked - s.casts);
          const value = JSON.parse(s.value) as {
            scores: Record<string, Record<string, number>>;
          };
          if (JSON.stringify(value.scores) !== JSON.stringify(p.lastAcked)) lost++;
        }
        const acknowledged = phones.reduce((n, p) => n + p.acked, 0);
        const refused = phones.reduce((n, p) => n + p.refused, 0);
        const failed = phones.reduce((n, p) => n + p.failed, 0);

        // The session ends; every phone and listener leaves; memory settles.
        endSession(db, { sessionId: session.sessionId, by });
        await sleep(1000);
        for (const s of streams) s.close();
        await sleep(5000);

        return {
          lost,
          acknowledged,
          refused,
          failed,
          voteMs,
          projectorMs,
          rssPeak,
          votingSeconds,
          phoneRefreshes: phones.reduce((n, p) => n + p.refreshes, 0),
          projectorEvents: projector.events.length,
        };
      } finally {
        for (const st of streams) st.close();
      }
    };
    // A first session, not measured: the server's code and heap are then warm, so the memory
    // compared is what a second session leaves behind.
    await runSession(Math.min(15, seconds), 2);
    await sleep(1000);
    const rssBefore = server.rssMiB();
    const { lost, acknowledged, refused, failed, voteMs, projectorMs, rssPeak, votingSeconds, phoneRefreshes, projectorEvents } = await runSession(seconds, WORKSHOP.votesEach);
    const rssAfter = server.rssMiB();

    const figures: Figure[] = [
      {
        key: "workshop.votesAcknowledged",
        name: `votes acknowledged (${WORKSHOP.participants} phones × ${WORKSHOP.votesEach})`,
        value: acknowledged,
        unit: "",
        note: `${refused} refused, ${failed} without an answer, over ${votingSeconds.toFixed(0)} s`,
      },
      { key: "workshop.votesUnanswered", name: "votes without an answer (connection failed)", value: failed, unit: "", target: { value: 0, better: "lower" } },
      {
        key: "workshop.votesLost",
        name: "votes lost (acknowledged but not stored)",
        value: lost,
        unit: "",
        target: { value: WORKSHOP_TARGETS.lost, better: "lower" },
      },
      {
        key: "workshop.voteP50Ms",
        name: "vote: post → answer, p50",
        value: quantile(voteMs, 0.5),
        unit: "ms",
      },
      {
        key: "workshop.voteP99Ms",
        name: "vote: post → answer, p99",
        value: quantile(voteMs, 0.99),
        unit: "ms",
        target: { value: WORKSHOP_TARGETS.voteP99Ms, better: "lower" },
      },
      {
        key: "workshop.projectorP95Ms",
        name: "projector: answer → its live event, p95",
        value: quantile(projectorMs, 0.95),
        unit: "ms",
        target: { value: WORKSHOP_TARGETS.projectorP95Ms, better: "lower" },
      },
      {
        key: "workshop.projectorMaxMs",
        name: "projector: answer → its live event, slowest",
        value: Math.max(...projectorMs),
        unit: "ms",
      },
      {
        key: "workshop.rssBeforeMiB",
        name: "resident memory before the session",
        value: rssBefore,
        unit: "MiB",
      },
      {
        key: "workshop.rssPeakMiB",
        name: "resident memory at the end of the voting",
        value: rssPeak,
        unit: "MiB",
      },
      {
        key: "workshop.rssAfterMiB",
        name: "resident memory after the session ended and everyone left",
        value: rssAfter,
        unit: "MiB",
      },
      {
        key: "workshop.rssGrowthMiB",
        name: "resident memory: after − before",
        value: rssAfter - rssBefore,
        unit: "MiB",
        target: { value: WORKSHOP_TARGETS.rssGrowthMiB, better: "lower" },
      },
    ];
    return {
      figures,
      extra: {
        workshop: {
          voteMs: [0.5, 0.9, 0.95, 0.99].map((q) => Math.round(quantile(voteMs, q))),
          projectorMs: [0.5, 0.9, 0.95].map((q) => Math.round(quantile(projectorMs, q))),
          acknowledged,
          refused,
          failed,
          phoneRefreshes,
          projectorEvents,
        },
      },
    };
  } finally {
    await server.stop();
    reader.close();
    db.$client.close();
  }
}
