import { randomBytes } from "node:crypto";
import type { Writable } from "node:stream";
import { promisify } from "node:util";
import zlib from "node:zlib";
import { renderToPipeableStream } from "react-dom/server";
import type { EntryContext, RouterContextProvider } from "react-router";
import { ServerRouter } from "react-router";
import { contentSecurityPolicy, inlineScriptHashes } from "./csp.server.ts";
import { FRAMEWORK_SCRIPTS_MARK_ATTRIBUTE, FrameworkScriptsMark, FrameworkScriptsOnly } from "./components/framework-scripts.tsx";
import { type MemoPage, dataKey, pagesByData, rememberResponse, requestKeyContext, sendPage, wantsFreshPage } from "./page-memo.server.ts";

export { prepareServer } from "./startup.server.ts";
export { startDiagramBrowser, stopDiagramBrowser } from "./domain/diagram-render.server.ts";
export { clientAddressContext, clientIsLocalContext, receivedPathContext } from "./context.ts";
export { clientAddress, clientIsLocal, foreignOrigin } from "./domain/client.server.ts";

export const streamTimeout = 5_000;

const gzip = promisify(zlib.gzip);
const production = process.env.NODE_ENV === "production";

/**
 * Documents are compressed once (a memoised page is sent as it was packed) at
 * level 3: for a 160 kB page about half the work of the default level 6, for
 * a body about a tenth larger (decision 040).
 */
const GZIP_LEVEL = 3;

/** Smaller documents are sent as they are. */
const COMPRESS_FROM_BYTES = 1024;

/** Every piece of a stream, in order, as it divided them. */
async function readAll(stream: ReadableStream<Uint8Array>): Promise<Uint8Array[]> {
  const pieces: Uint8Array[] = [];
  const reader = stream.getReader();
  for (let r = await reader.read(); !r.done; r = await reader.read()) pieces.push(r.value);
  return pieces;
}

/** A stream that gives these pieces again, divided the same way. */
function streamOf(pieces: readonly Uint8Array[]): ReadableStream<Uint8Array> {
  let i = 0;
  return new ReadableStream({
    pull(controller) {
      if (i < pieces.length) controller.enqueue(pieces[i++]!);
      else controller.close();
    },
  });
}

/**
 * Where React writes a whole document: its pieces kept in order and joined at
 * the end. A plain object with the three methods React calls (`write`, `end`,
 * `on`), not a stream: the page is wanted in one piece, and a PassThrough's
 * events for each 4 kB piece cost more than the copying (decision 040).
 */
function collector(done: (html: Buffer) => void) {
  const chunks: Uint8Array[] = [];
  const keep = (chunk: Uint8Array | string) => chunks.push(typeof chunk === "string" ? Buffer.from(chunk, "utf8") : chunk);
  const sink = {
    write(chunk: Uint8Array | string) {
      keep(chunk);
      return true;
    },
    end(chunk?: Uint8Array | string) {
      if (chunk !== undefined) keep(chunk);
      done(Buffer.concat(chunks));
    },
    on() {
      return sink;
    },
  };
  return sink;
}

/**
 * React's rendering of the whole document, once everything in it is ready (the
 * pages have no parts that arrive later), and the status it ended with.
 */
function renderDocument(request: Request, status: number, routerContext: EntryContext, mark: string | null = null): Promise<{ html: Buffer; status: number }> {
  return new Promise((resolve, reject) => {
    let timeoutId: ReturnType<typeof setTimeout> | undefined = setTimeout(() => abort(), streamTimeout + 1000);
    const document = <ServerRouter context={routerContext} url={request.url} />;
    const { pipe, abort } = renderToPipeableStream(mark ? <FrameworkScriptsMark.Provider value={mark}>{document}</FrameworkScriptsMark.Provider> : document, {
      onAllReady() {
        pipe(
          collector((html) => {
            clearTimeout(timeoutId);
            timeoutId = undefined;
            resolve({ html, status });
          }) as unknown as Writable,
        );
      },
      onShellError(error: unknown) {
        clearTimeout(timeoutId);
        reject(error);
      },
      onError(error: unknown) {
        status = 500;
        console.error(error);
      },
    });
  });
}

/**
 * The SHA-256 sources of the framework's own inline scripts for this response,
 * worked out before the page itself is rendered: the same router context
 * rendered with a root layout of React Router's scripts alone (scroll
 * restoration, the router's context, the route modules, the hydration data),
 * so no route's content and no member's text is part of what is hashed. The
 * hydration data carries members' text, escaped by React Router inside its
 * own script; a script element that reached the page any other way is not
 * among these and does not run (decision 018).
 */
async function frameworkScriptHashes(request: Request, routerContext: EntryContext, data: Uint8Array[] | null): Promise<string[]> {
  const root = routerContext.routeModules.root;
  const scriptsOnly: EntryContext = {
    ...routerContext,
    renderMeta: {},
    serverHandoffStream: data ? streamOf(data) : routerContext.serverHandoffStream,
    routeModules: { ...routerContext.routeModules, ...(root ? { root: { ...root, Layout: FrameworkScriptsOnly } } : {}) },
  };
  const { html } = await renderDocument(request, 200, scriptsOnly);
  return inlineScriptHashes(html);
}

/**
 * The page rendered once, with the framework's scripts read from it: a random
 * mark (`FrameworkScriptsMark`) is written just before them, last in the body;
 * every inline script after it is the framework's and is hashed; the mark is
 * then cut out, so the page is byte for byte the one rendered without it. No
 * member's text can be after the mark, and none can write it: it is new for
 * each render. A page in which the mark is not found exactly once is rendered
 * again the earlier way (the scripts alone first, decision 018).
 */
async function renderWithScriptHashes(request: Request, status: number, routerContext: EntryContext, data: Uint8Array[] | null) {
  const context = data ? { ...routerContext, renderMeta: {}, serverHandoffStream: streamOf(data) } : routerContext;
  const mark = randomBytes(18).toString("base64url");
  const rendered = await renderDocument(request, status, context, mark);
  const element = Buffer.from(`<template ${FRAMEWORK_SCRIPTS_MARK_ATTRIBUTE}="${mark}"></template>`);
  const at = rendered.html.indexOf(element);
  if (at >= 0 && rendered.html.indexOf(element, at + 1) < 0) {
    const scripts = rendered.html.subarray(at + element.length);
    const html = Buffer.concat([rendered.html.subarray(0, at), scripts]);
    return { html, status: rendered.status, scriptHashes: inlineScriptHashes(scripts) };
  }
  const scriptHashes = await frameworkScriptHashes(request, routerContext, data);
  const again = await renderDocument(request, status, data ? { ...routerContext, renderMeta: {}, serverHandoffStream: streamOf(data) } : routerContext);
  return { ...again, scriptHashes };
}

/** A rendered document made ready to send: the policy naming the framework's scripts, compressed once. */
async function pack(html: Buffer, scriptHashes: readonly string[]): Promise<MemoPage> {
  const csp = contentSecurityPolicy(scriptHashes);
  if (html.length < COMPRESS_FROM_BYTES) return { body: html, gzipped: false, csp };
  return { body: await gzip(html, { level: GZIP_LEVEL }), gzipped: true, csp };
}

/**
 * Documents are rendered whole and sent in one piece, gzip-compressed for the
 * clients that take it (decision 013). A page whose data is unchanged is sent
 * from the page memo without rendering (decision 014). The
 * Content-Security-Policy names the SHA-256 of each of the framework's inline
 * scripts, read from the page's own render after a random mark (decision
 * 040; before, from a render of the scripts alone, decision 018), so a
 * memoised page goes out as it is.
 */
export default async function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  routerContext: EntryContext,
  loadContext?: RouterContextProvider,
) {
  // The hydration data, read whole: the page's key, and what React renders into it.
  const data = routerContext.serverHandoffStream ? await readAll(routerContext.serverHandoffStream) : null;
  const memoable = production && responseStatusCode === 200 && data !== null && request.method === "GET" && !wantsFreshPage(request);
  const key = memoable ? dataKey(request.url, data) : null;
  let page = key ? pagesByData.get(key) : undefined;
  let status = responseStatusCode;
  let html: Buffer | null = null;
  const source = page ? "memo-data" : "rendered";
  if (!page) {
    let scriptHashes: string[];
    ({ html, status, scriptHashes } = await renderWithScriptHashes(request, status, routerContext, data));
    page = await pack(html, scriptHashes);
    if (key && status === 200) pagesByData.set(key, page);
  }

  responseHeaders.set("Content-Type", "text/html; charset=utf-8");
  responseHeaders.set("X-Content-Type-Options", "nosniff");
  responseHeaders.set("Referrer-Policy", "same-origin");
  responseHeaders.set("X-Frame-Options", "DENY");
  // Vite's development server injects scripts of its own; the policy applies to the built app.
  if (production) responseHeaders.set("Content-Security-Policy", page.csp);
  const requestKey = loadContext?.get(requestKeyContext) ?? null;
  if (requestKey && status === 200) rememberResponse(requestKey, page, responseHeaders);
  return sendPage(page, request, responseHeaders, status, source, html);
}
