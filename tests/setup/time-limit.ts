/**
 * Runs functions on given texts in a worker thread and stops each one that
 * takes longer than a bound. A catastrophic regular expression blocks its
 * thread: run in the test's own process it would hang the test run (a test
 * timeout cannot interrupt synchronous code) instead of failing it. In a worker
 * it is terminated, and the test reports which function and which text.
 *
 * The worker imports `tests/setup/user-text-parsers.ts` (through tsx) and runs
 * (and awaits) `USER_TEXT_PARSERS[name].parse(text)`; the clock starts once
 * the worker has loaded and has the text, so neither is counted.
 */
import { Worker } from "node:worker_threads";

const PARSERS_MODULE = new URL("./user-text-parsers.ts", import.meta.url).href;

const WORKER_SOURCE = `
const { parentPort } = await import("node:worker_threads");
const { register } = await import("tsx/esm/api");
register();
const { USER_TEXT_PARSERS, framedText } = await import(${JSON.stringify(PARSERS_MODULE)});
parentPort.on("message", async ({ parser, text, made }) => {
  const input = made ? framedText(parser, made.input, made.frame) : text;
  const started = performance.now();
  try {
    await USER_TEXT_PARSERS[parser].parse(input);
    parentPort.postMessage({ ms: performance.now() - started, length: input.length });
  } catch (e) {
    parentPort.postMessage({ ms: performance.now() - started, length: input.length, error: String((e && e.stack) || e) });
  }
});
parentPort.postMessage({ ready: true });
`;

/**
 * A text to parse: given (`text`), or `made` by the worker itself from one of
 * PATHOLOGICAL_TEXTS at the parser's limit, in one of its frames (a text of
 * 20 MB is then neither built nor copied here, and its making is not timed).
 * `limitMs`: this job's own bound, instead of the one given to timeEach.
 */
export type Job = { parser: string; input: string; limitMs?: number } & ({ text: string; made?: undefined } | { text?: undefined; made: { input: string; frame: number } });
export type Outcome = { parser: string; input: string; length: number | null; ms: number | null; error?: string };

type Reply = { ready?: true; ms?: number; length?: number; error?: string };

function startWorker(): Promise<{ worker: Worker; next: () => Promise<Reply> }> {
  const worker = new Worker(WORKER_SOURCE, { eval: true });
  const replies: Reply[] = [];
  let waiting: ((r: Reply) => void) | null = null;
  let failure: Error | null = null;
  worker.on("message", (r: Reply) => (waiting ? (waiting(r), (waiting = null)) : replies.push(r)));
  worker.on("error", (e) => (failure = e));
  const next = () =>
    failure ? Promise.reject(failure) : replies.length ? Promise.resolve(replies.shift()!) : new Promise<Reply>((resolve) => (waiting = resolve));
  return next().then(() => ({ worker, next }));
}

/**
 * Each job's time in milliseconds, or null when it did not finish within
 * its bound (its worker is then terminated and a fresh one takes the rest).
 */
export async function timeEach(jobs: Iterable<Job>, limitMs: number): Promise<Outcome[]> {
  const out: Outcome[] = [];
  let current: Awaited<ReturnType<typeof startWorker>> | null = null;
  try {
    for (const job of jobs) {
      current ??= await startWorker();
      current.worker.postMessage({ parser: job.parser, text: job.text, made: job.made });
      let timer: NodeJS.Timeout | undefined;
      const reply = await Promise.race([current.next(), new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), job.limitMs ?? limitMs)))]);
      clearTimeout(timer);
      if (reply === null) {
        await current.worker.terminate();
        current = null;
        out.push({ parser: job.parser, input: job.input, length: job.text?.length ?? null, ms: null });
      } else out.push({ parser: job.parser, input: job.input, length: reply.length ?? null, ms: reply.ms ?? null, error: reply.error });
    }
  } finally {
    await current?.worker.terminate();
  }
  return out;
}
