/**
 * A phone's event stream (decision 039): Server-Sent Events that say only
 * that what the participant's phone shows changed (`event: change`: another
 * activity opened, or none) or the session ended (`event: ended`); no project
 * content travels on it, and the room's votes do not wake sixty phones
 * (`phoneState`, decision 038). The phone then asks for its own page. Changes
 * come from the live feed (decision 037), topic `workshop:<sessionId>`,
 * looked at once per 150 ms at most. A comment every
 * 20 s keeps proxies from closing a quiet connection; the listener goes when
 * the phone does.
 */
import type { Db } from "#db/client.ts";
import { eventStream } from "#app/http.server.ts";
import { subscribe } from "./live.server.ts";
import { phoneState, type SessionInfo } from "./workshop.server.ts";

const BEAT_MS = 20_000;
const COALESCE_MS = 150;

export function phoneEvents(o: { db: Db; session: SessionInfo; participantId: number; signal: AbortSignal; beatMs?: number }): Response {
  return eventStream(o.signal, ({ write, close }) => {
    let pending: ReturnType<typeof setTimeout> | undefined;
    let shown = phoneState(o.db, o.session.id);
    const flush = () => {
      pending = undefined;
      const now = phoneState(o.db, o.session.id);
      if (now === "ended") {
        write("event: ended\ndata: {}\n\n");
        close();
        return;
      }
      if (now !== shown) write("event: change\ndata: {}\n\n");
      shown = now;
    };
    const unsubscribe = subscribe(o.session.projectId, (c) => {
      if (c.topic !== `workshop:${o.session.id}` || pending) return;
      pending = setTimeout(flush, COALESCE_MS);
    });
    const beat = setInterval(() => write(": beat\n\n"), o.beatMs ?? BEAT_MS);
    write("retry: 3000\n\n");
    return () => {
      clearInterval(beat);
      clearTimeout(pending);
      unsubscribe();
    };
  });
}
