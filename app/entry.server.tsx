import crypto from "node:crypto";
import { Transform, type TransformCallback } from "node:stream";
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

export default function handleRequest(request: Request, responseStatusCode: number, responseHeaders: Headers, routerContext: EntryContext) {
  return new Promise((resolve, reject) => {
    let shellRendered = false;
    const userAgent = request.headers.get("user-agent");
    // Bots and SPA-mode builds wait for the whole document; people get the shell first.
    const readyOption: keyof RenderToPipeableStreamOptions = (userAgent && isbot(userAgent)) || routerContext.isSpaMode ? "onAllReady" : "onShellReady";
    let timeoutId: ReturnType<typeof setTimeout> | undefined = setTimeout(() => abort(), streamTimeout + 1000);
    const nonce = crypto.randomBytes(16).toString("base64");
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
        const stream = createReadableStreamFromReadable(body);
        responseHeaders.set("Content-Type", "text/html; charset=utf-8");
        responseHeaders.set("X-Content-Type-Options", "nosniff");
        responseHeaders.set("Referrer-Policy", "same-origin");
        responseHeaders.set("X-Frame-Options", "DENY");
        // Vite's development server injects scripts of its own; the policy applies to the built app.
        if (process.env.NODE_ENV === "production") responseHeaders.set("Content-Security-Policy", contentSecurityPolicy(nonce));
        pipe(body);
        resolve(new Response(stream, { headers: responseHeaders, status: responseStatusCode }));
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
