/**
 * The page memo: finished HTML documents, kept so that a page asked for again
 * with nothing changed is sent without being made again (decision 014).
 *
 * Two ways in, both exact:
 *
 * - **By the page's data** (every document): the SHA-256 of the URL and of the
 *   loader data exactly as React Router serialises it for hydration, the bytes
 *   the page carries for the browser to hydrate from. The same URL with the
 *   same data renders the same document, and hydration already depends on that:
 *   the browser renders again from these bytes and must produce the server's
 *   HTML. The loaders still run; React's rendering is what is saved.
 * - **By the request and the database's version** (the project pages and the
 *   portfolio, `MEMO_PATTERNS`, whose loaders read only the database, the URL
 *   and the cookies): the URL, the Cookie and Accept-Language headers, and a
 *   version of the whole database that moves with every write from any
 *   connection (`total_changes()` of this one, `data_version` for the others).
 *   The loaders are not run at all: nothing they read can have changed. The
 *   access check still runs first (this middleware comes after it), so a
 *   signed-out or removed user never reaches the memo.
 *
 * Nothing is invalidated by hand: a change makes new keys, and old pages age
 * out, least recently used first, within a bound of bytes and of entries.
 * Memory only: each server process has its own, and a restart starts empty.
 * A request that asks for a fresh response (a hard reload sends
 * `Cache-Control: no-cache`) is rendered again.
 */
import { createHash } from "node:crypto";
import { promisify } from "node:util";
import zlib from "node:zlib";
import type { MiddlewareFunction } from "react-router";
import { createContext } from "react-router";
import type { Db } from "#db/client.ts";
import { getDb, preparedOnce } from "#db/client.ts";
import { routeKey } from "./access.ts";
import { receivedPathContext } from "./context.ts";

export type MemoPage = {
  /** The document as sent: gzip-compressed when `gzipped`. */
  body: Buffer;
  gzipped: boolean;
  /** The Content-Security-Policy naming the page's inline scripts. */
  csp: string;
};

/** A whole response, for the request-and-version key: the page and the headers it went out with. */
type MemoResponse = MemoPage & { headers: Array<[string, string]>; storedAt: number };

const gzip = promisify(zlib.gzip);

const sizeOf = (p: MemoPage) => p.body.length + p.csp.length + 200;

export class PageMemo<V extends MemoPage = MemoPage> {
  private readonly pages = new Map<string, V>();
  private bytes = 0;
  constructor(
    readonly maxBytes: number,
    readonly maxEntries: number,
  ) {}

  get(key: string): V | undefined {
    const page = this.pages.get(key);
    if (!page) return undefined;
    // Most recently used last: a Map keeps insertion order.
    this.pages.delete(key);
    this.pages.set(key, page);
    return page;
  }

  set(key: string, page: V): void {
    if (sizeOf(page) > this.maxBytes / 8) return; // one page may not push out most of the others
    this.delete(key);
    this.pages.set(key, page);
    this.bytes += sizeOf(page);
    for (const k of this.pages.keys()) {
      if (this.bytes <= this.maxBytes && this.pages.size <= this.maxEntries) break;
      this.delete(k);
    }
  }

  delete(key: string): void {
    const old = this.pages.get(key);
    if (!old) return;
    this.pages.delete(key);
    this.bytes -= sizeOf(old);
  }

  get size(): { entries: number; bytes: number } {
    return { entries: this.pages.size, bytes: this.bytes };
  }
}

/** One of each per server process: compressed pages, 32 MiB and 2,000 at most in each. */
export const pagesByData = new PageMemo(32 * 1024 * 1024, 2000);
export const pagesByRequest = new PageMemo<MemoResponse>(32 * 1024 * 1024, 2000);

/** The data key of a page: its URL and the hydration data it renders, as sent. */
export function dataKey(url: string, data: readonly Uint8Array[]): string {
  const hash = createHash("sha256").update(url).update("\0");
  // Each piece becomes one script in the page, so where they divide is part of the key.
  for (const piece of data) hash.update(`${piece.length}:`).update(piece);
  return hash.digest("base64");
}

let nextSerial = 1;
/** Per connection: the version query, and a serial number of the connection's own. */
const versionQuery = preparedOnce((db) => ({
  serial: nextSerial++,
  statement: db.$client.prepare<[], { changes: number; version: number }>("SELECT total_changes() AS changes, (SELECT data_version FROM pragma_data_version) AS version"),
}));

/**
 * A version of the whole database as this connection sees it, which moves with
 * every committed write: this connection's own (`total_changes()`) and any
 * other connection's or process's (`PRAGMA data_version`). The connection's
 * serial number keeps a reopened database from reusing an earlier version.
 */
export function databaseVersion(db: Db): string {
  const { serial, statement } = versionQuery(db);
  const { changes, version } = statement.get()!;
  return `${serial}.${changes}.${version}`;
}

/**
 * The request key: what the memoised loaders read besides the database, and,
 * for a data request, the path it was received at (React Router takes `.data`
 * off the URL the loaders see).
 */
export function requestKey(request: Request, version: string, dataPath?: string): string {
  return createHash("sha256")
    .update(`${request.url}\0${request.headers.get("cookie") ?? ""}\0${request.headers.get("accept-language") ?? ""}\0${version}${dataPath === undefined ? "" : `\0data\0${dataPath}`}`)
    .digest("base64");
}

/**
 * A request that asks for a fresh response (a hard reload sends `no-cache`) is
 * rendered again rather than sent from the memo. An ordinary reload
 * (`max-age=0`) is not: the same data makes the same page.
 */
export function wantsFreshPage(request: Request): boolean {
  return /\bno-(?:cache|store)\b/i.test(request.headers.get("cache-control") ?? "") || /\bno-cache\b/i.test(request.headers.get("pragma") ?? "");
}

/**
 * The routes answered by request and database version. Their loaders read the
 * database, the URL and the cookies, and nothing else: no clock (the members
 * page is left out for its invitations' expiry), no files, no machine state
 * (the documents page asks whether diagrams can be drawn). A route added here
 * must keep to that: tests/integration/page-memo.test.ts asks every page under
 * these routes of a second server whose clock is a day ahead, on the same
 * database, and expects the same page.
 */
export const MEMO_PATTERNS: ReadonlySet<string> = new Set([
  "/projects",
  "/projects/:projectId",
  "/projects/:projectId/team",
  "/projects/:projectId/strategy",
  "/projects/:projectId/journey",
  "/projects/:projectId/prioritisation",
  "/projects/:projectId/roadmap",
  "/projects/:projectId/traceability",
  "/projects/:projectId/health",
  "/projects/:projectId/change-management",
  "/projects/:projectId/post-launch-review",
  "/projects/:projectId/history",
  "/projects/:projectId/phases/:phaseId",
  "/projects/:projectId/phases/:phaseId/steps/:stepId",
]);

/** A memoised response older than this is not used (a bound on anything unforeseen). */
const REQUEST_MEMO_MS = 60_000;

/** The request key of this request, when entry.server should keep its page under it. */
export const requestKeyContext = createContext<string | null>(null);

const production = process.env.NODE_ENV === "production";

/**
 * Runs after the access check: answers a memoised page or page data, or notes
 * the key under which entry.server keeps the page it renders. A data request
 * (`.data`, what the browser's router fetches on navigation and revalidation)
 * is answered by the same rule as a document, under a key of its own: the path
 * received (with `.data`) is part of it, and so is the query (`_routes`, the
 * routes whose data is asked for).
 */
export const pageMemoMiddleware: MiddlewareFunction<Response> = async ({ request, context, pattern }, next) => {
  const path = context.get(receivedPathContext);
  const eligible = production && path !== null && request.method === "GET" && MEMO_PATTERNS.has(routeKey(pattern)) && !wantsFreshPage(request);
  if (!eligible) return next();
  const isData = path.endsWith(".data");
  const key = requestKey(request, databaseVersion(getDb()), isData ? path : undefined);
  const hit = pagesByRequest.get(key);
  if (hit && Date.now() - hit.storedAt < REQUEST_MEMO_MS) return sendPage(hit, request, new Headers(hit.headers), 200, "memo-request");
  if (!isData) {
    context.set(requestKeyContext, key);
    return next();
  }
  return rememberData(key, request, await next());
};

/** Smaller bodies are sent as they are. */
const COMPRESS_FROM_BYTES = 1024;

/**
 * A data response, read whole and kept under its request key when it is a
 * plain 200 (a redirect or an error is answered as it came); sent compressed
 * to a client that takes gzip, like a document.
 */
async function rememberData(key: string, request: Request, response: Response): Promise<Response> {
  if (response.status !== 200 || !response.body || response.headers.has("content-encoding")) return response;
  const plain = Buffer.from(await response.arrayBuffer());
  const gzipped = plain.length >= COMPRESS_FROM_BYTES;
  const page: MemoPage = { body: gzipped ? await gzip(plain) : plain, gzipped, csp: "" };
  const headers = new Headers(response.headers);
  headers.delete("content-length");
  rememberResponse(key, page, headers);
  return sendPage(page, request, headers, 200, "loaded", plain);
}

/** Keeps a finished page under the request key noted for it, with the headers it is sent with. */
export function rememberResponse(key: string, page: MemoPage, headers: Headers): void {
  // A response that sets a cookie is somebody's one-off: never repeated.
  if (headers.has("set-cookie")) return;
  const kept = [...headers].filter(([name]) => !["content-encoding", "content-length", "server-timing"].includes(name));
  pagesByRequest.set(key, { ...page, headers: kept, storedAt: Date.now() });
}

/** Whether the client takes gzip (an explicit `q=0` refuses it). */
export function acceptsGzip(header: string | null): boolean {
  if (!header) return false;
  return header.split(",").some((part) => {
    const [coding, ...params] = part.trim().toLowerCase().split(";");
    if (coding !== "gzip" && coding !== "*") return false;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
    return !q || Number(q.slice(2)) > 0;
  });
}

/**
 * How a page was made, as its Server-Timing header says (browsers' developer
 * tools show it): "loaded" is page data (`.data`) whose loaders ran.
 */
export type PageSource = "rendered" | "memo-data" | "memo-request" | "loaded";

/**
 * The response for a finished page: compressed to a client that takes gzip,
 * plain otherwise (`plain`, when the caller still has it, saves unpacking).
 */
export function sendPage(page: MemoPage, request: Request, headers: Headers, status: number, source: PageSource, plain?: Buffer | null): Response {
  let body = page.body;
  headers.set("Server-Timing", `page;desc="${source}"`);
  if (!/accept-encoding/i.test(headers.get("vary") ?? "")) headers.append("Vary", "Accept-Encoding");
  if (page.gzipped && acceptsGzip(request.headers.get("accept-encoding"))) headers.set("Content-Encoding", "gzip");
  else if (page.gzipped) body = plain ?? zlib.gunzipSync(body);
  headers.set("Content-Length", String(body.length));
  return new Response(new Uint8Array(body.buffer, body.byteOffset, body.length) as Uint8Array<ArrayBuffer>, { headers, status });
}
