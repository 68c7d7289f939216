import crypto from "node:crypto";
import { Transform, type TransformCallback } from "node:stream";
import { promisify } from "node:util";
import zlib from "node:zlib";
import { createReadableStreamFromReadable } from "@react-router/node";
import { isbot } from "isbot";
import type { RenderToPipeableStreamOptions } from "react-dom/server";
import { renderToPipeableStream } from "react-dom/server";
import type { EntryContext } from "react-router";
import { ServerRouter } from "react-router";
import { NonceContext, contentSecurityPolicy } from "./nonce.ts";

export { prepareServer } from "./startup.server.ts";
export { clientAddressContext } from "./context.ts";

export const streamTimeout = 5_000;

/**
 * React writes the page in 4 KB pieces, and the request handler flushes the
 * compressor after every piece it passes on: a 500 kB page became 125 tiny
 * gzip blocks, each a sync flush, which made compressed pages several times
 * slower to serve under load. This stream gathers the pieces and passes them
 * on when React says a part of the page is complete (its `flush()`), or every
 * 64 kB, whichever comes first.
 */
export class PageStream extends Transform {
  private chunks: Buffer[] = [];
  private size = 0;
  constructor(private readonly onEnd: () => void) {
    super();
  }
  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback) {
    this.chunks.push(chunk);
    this.size += chunk.length;
    if (this.size >= 64 * 1024) this.flush();
    callback();
  }
  /** Called by React at the end of each batch it writes. */
  flush() {
    if (this.size === 0) return;
    const out = this.chunks.length === 1 ? this.chunks[0]! : Buffer.concat(this.chunks, this.size);
    this.chunks = [];
    this.size = 0;
    this.push(out);
  }
  override _flush(callback: TransformCallback) {
    this.flush();
    this.onEnd();
    callback();
  }
}

const gzip = promisify(zlib.gzip);

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
 * Pages are compressed here, in one piece, rather than by the server's
 * compression middleware. The pages have no parts that arrive later (no
 * Suspense, no deferred data), so the whole document is ready at once; the
 * middleware compressed it as a stream, flushing after every piece, which cost
 * more than rendering a small page (decision 013). Data requests and static
 * files are still compressed by the middleware, which leaves this response alone
 * because it already has a Content-Encoding.
 */
const COMPRESS_FROM_BYTES = 1024;

function collect(stream: PageStream): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on("data", (c: Buffer) => chunks.push(c));
    stream.on("end", () => resolve(Buffer.concat(chunks)));
    stream.on("error", reject);
  });
}

export default function handleRequest(request: Request, responseStatusCode: number, responseHeaders: Headers, routerContext: EntryContext) {
  return new Promise((resolve, reject) => {
    let shellRendered = false;
    const userAgent = request.headers.get("user-agent");
    // Bots and SPA-mode builds wait for the whole document; people get the shell first.
    const readyOption: keyof RenderToPipeableStreamOptions = (userAgent && isbot(userAgent)) || routerContext.isSpaMode ? "onAllReady" : "onShellReady";
    let timeoutId: ReturnType<typeof setTimeout> | undefined = setTimeout(() => abort(), streamTimeout + 1000);
    const nonce = crypto.randomBytes(16).toString("base64");
    const compress = acceptsGzip(request.headers.get("accept-encoding"));
    const app = (
      <NonceContext.Provider value={nonce}>
        <ServerRouter context={routerContext} url={request.url} nonce={nonce} />
      </NonceContext.Provider>
    );
    const { pipe, abort } = renderToPipeableStream(app, {
      nonce,
      [readyOption]() {
        shellRendered = true;
        const body = new PageStream(() => {
          clearTimeout(timeoutId);
          timeoutId = undefined;
        });
        responseHeaders.set("Content-Type", "text/html; charset=utf-8");
        responseHeaders.set("X-Content-Type-Options", "nosniff");
        responseHeaders.set("Referrer-Policy", "same-origin");
        responseHeaders.set("X-Frame-Options", "DENY");
        // Vite's development server injects scripts of its own; the policy applies to the built app.
        if (process.env.NODE_ENV === "production") responseHeaders.set("Content-Security-Policy", contentSecurityPolicy(nonce));
        if (!compress) {
          const stream = createReadableStreamFromReadable(body);
          pipe(body);
          resolve(new Response(stream, { headers: responseHeaders, status: responseStatusCode }));
          return;
        }
        const whole = collect(body);
        pipe(body);
        whole
          .then(async (page) => {
            responseHeaders.append("Vary", "Accept-Encoding");
            if (page.length < COMPRESS_FROM_BYTES) return page;
            const packed = await gzip(page);
            responseHeaders.set("Content-Encoding", "gzip");
            return packed;
          })
          .then((out) => {
            responseHeaders.set("Content-Length", String(out.length));
            resolve(new Response(new Uint8Array(out.buffer, out.byteOffset, out.length) as Uint8Array<ArrayBuffer>, { headers: responseHeaders, status: responseStatusCode }));
          }, reject);
      },
      onShellError(error: unknown) {
        reject(error);
      },
      onError(error: unknown) {
        responseStatusCode = 500;
        if (shellRendered) console.error(error);
      },
    });
  });
}
