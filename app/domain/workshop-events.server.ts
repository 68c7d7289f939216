/**
 * A phone's event stream (decision 039): Server-Sent Events that say only
 * that the participant's session changed (`event: change`) or ended
 * (`event: ended`); no project content travels on it. The phone then asks
 * for its own page. Changes come from the live feed (decision 037), topic
 * `workshop:<sessionId>`, coalesced to one event per 150 ms. A comment every
 * 20 s keeps proxies from closing a quiet connection; the listener goes when
 * the phone does.
 */
import type { Db } from "#db/client.ts";
import { subscribe } from "./live.server.ts";
import { getSession, type SessionInfo } from "./workshop.server.ts";

const BEAT_MS = 20_000;
const COALESCE_MS = 150;

export function phoneEvents(o: { db: Db; session: SessionInfo; participantId: number; signal: AbortSignal; beatMs?: number }): Response {
  const encoder = new TextEncoder();
  let cleanup = () => {};
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      let open = true;
      let pending: ReturnType<typeof setTimeout> | undefined;
      const write = (text: string) => {
        if (!open) return;
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          cleanup();
        }
      };
      const flush = () => {
        pending = undefined;
        const now = getSession(o.db, o.session.id);
        if (!now || now.endedAt) {
          write("event: ended\ndata: {}\n\n");
          cleanup();
          return;
        }
        write("event: change\ndata: {}\n\n");
      };
      const unsubscribe = subscribe(o.session.projectId, (c) => {
        if (c.topic !== `workshop:${o.session.id}` || pending) return;
        pending = setTimeout(flush, COALESCE_MS);
      });
      const beat = setInterval(() => write(": beat\n\n"), o.beatMs ?? BEAT_MS);
      cleanup = () => {
        if (!open) return;
        open = false;
        clearInterval(beat);
        clearTimeout(pending);
        unsubscribe();
        o.signal.removeEventListener("abort", cleanup);
        try {
          controller.close();
        } catch {
          // already closed
        }
      };
      o.signal.addEventListener("abort", cleanup);
      write("retry: 3000\n\n");
      if (o.signal.aborted) cleanup();
    },
    cancel() {
      cleanup();
    },
  });
  return new Response(body, {
    headers: {
      "Content-Type": "text/event-stream; charset=utf-8",
      // no-transform: compression() leaves the stream alone (decision 037).
      "Cache-Control": "no-store, no-transform",
      "X-Accel-Buffering": "no",
    },
  });
}
