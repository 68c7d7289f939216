/**
 * Request helpers shared by route actions: bounded form parsing and typed
 * 4xx responses, so bad input never becomes a 500.
 */
import { data } from "react-router";
import { z } from "zod";

/** Largest form body an action accepts (the express server enforces it too). */
export const MAX_FORM_BYTES = 1024 * 1024;

export type FormFields = Record<string, string | string[]>;

/** Reads a urlencoded or multipart form into plain fields; repeated names become arrays. */
export async function readForm(request: Request): Promise<FormFields> {
  const length = Number(request.headers.get("Content-Length") ?? "0");
  if (length > MAX_FORM_BYTES) throw data({ error: "errors.tooLarge" }, { status: 413 });
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    throw data({ error: "errors.badForm" }, { status: 400 });
  }
  const out: FormFields = {};
  for (const [key, value] of form.entries()) {
    if (typeof value !== "string") throw data({ error: "errors.badForm" }, { status: 400 });
    const prev = out[key];
    out[key] = prev === undefined ? value : Array.isArray(prev) ? [...prev, value] : [prev, value];
  }
  return out;
}

/** Room for the multipart envelope around an uploaded file (server.js allows the same). */
export const UPLOAD_ENVELOPE_BYTES = 64 * 1024;

/**
 * A multipart form carrying one file of at most `maxBytes`: "too-large" when the body is larger than the file and its
 * envelope (checked from Content-Length, before anything is read), "bad-form" when the body is not a form.
 */
export async function readUpload(request: Request, maxBytes: number): Promise<FormData | "too-large" | "bad-form"> {
  if (Number(request.headers.get("Content-Length") ?? "0") > maxBytes + UPLOAD_ENVELOPE_BYTES) return "too-large";
  try {
    return await request.formData();
  } catch {
    return "bad-form";
  }
}

/** Throws a 404 (shown by the ErrorBoundary) when a record is missing. */
export function invariantResponse(condition: unknown, message = "errors.notFound", status = 404): asserts condition {
  if (!condition) throw data({ error: message }, { status });
}

/**
 * A path of this site to redirect to after a form (a `returnTo` field), or
 * null. The address is resolved against this origin the way a browser
 * resolves a Location header (so `/\t/host`, `/\\host` and `https:host` are
 * another site), then written out again from its path, query and fragment
 * only — percent-encoded, since a header cannot carry line breaks, NUL or
 * Persian letters as they are. A path that starts with two slashes once
 * resolved (`/.//host`, `/..//host`, `/%2e//host`) would be read by the
 * browser as another host, so it is refused too.
 */
export function sameSitePath(raw: unknown): string | null {
  if (typeof raw !== "string" || !raw.startsWith("/") || raw.length > 2000) return null;
  const base = "http://same-site.invalid";
  let url: URL;
  try {
    url = new URL(raw, base);
  } catch {
    return null;
  }
  if (url.origin !== base) return null;
  const path = url.pathname + url.search + url.hash;
  // What a browser would make of the path written out: it must be this site again.
  if (!path.startsWith("/") || path.startsWith("//") || path.startsWith("/\\")) return null;
  let again: URL;
  try {
    again = new URL(path, base);
  } catch {
    return null;
  }
  return again.origin === base ? path : null;
}

export const positiveId = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);

export function parseId(raw: string | undefined): number {
  const parsed = positiveId.safeParse(raw);
  invariantResponse(parsed.success);
  return parsed.data;
}

/** What a Server-Sent Events stream's `start` gets: write text to the client, or close the stream. */
export type EventStreamSink = { write: (text: string) => void; close: () => void };

/**
 * A Server-Sent Events response (decisions 037, 039). `start` runs once when
 * the stream opens, writes through `write` and returns its clean-up (stop its
 * timers, unsubscribe), which runs exactly once: when the client goes (the
 * request aborted or the stream cancelled), when a write fails, or when
 * `close()` is called. Sent as it is written: not compressed (`no-transform`
 * keeps compression() off it) and not buffered by a proxy.
 */
export function eventStream(signal: AbortSignal, start: (sink: EventStreamSink) => () => void): Response {
  const encoder = new TextEncoder();
  let cleanup = () => {};
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      let open = true;
      let stop: (() => void) | undefined;
      const close = () => {
        if (!open) return;
        open = false;
        signal.removeEventListener("abort", close);
        try {
          stop?.();
        } finally {
          try {
            controller.close();
          } catch {
            // already closed
          }
        }
      };
      cleanup = close;
      const write = (text: string) => {
        if (!open) return;
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          close();
        }
      };
      signal.addEventListener("abort", close);
      stop = start({ write, close });
      // Closed (or the client gone) while starting: the clean-up still runs.
      if (!open) stop();
      else if (signal.aborted) close();
    },
    cancel() {
      cleanup();
    },
  });
  return new Response(body, {
    headers: {
      "Content-Type": "text/event-stream; charset=utf-8",
      "Cache-Control": "no-store, no-transform",
      "X-Accel-Buffering": "no",
      Connection: "keep-alive",
    },
  });
}
