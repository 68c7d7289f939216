/**
 * The live endpoint's stream (decision 037): Server-Sent Events of one
 * project's changes, for one open page. Each change goes out as
 *
 *     id: <change id>
 *     event: change
 *     data: {"topic":"answer:vision.segments","by":3,"byName":"Sara","at":"…"}
 *
 * and, for a page on a step, who else is on it (`event: presence`, a list of
 * names without the reader), on arrival, whenever someone comes or goes, and
 * with every heartbeat (so someone whose server stopped drops off). A comment
 * line every heartbeat keeps proxies from closing a quiet connection. A page
 * that reconnects sends `Last-Event-ID` (or `?after=`) and gets what it missed.
 * When the page goes (the request is aborted) the listener and the presence
 * row go too.
 *
 * A workshop's room writes in bursts (sixty phones voting at once), each
 * announced in its own transaction (decision 038): this stream sends one
 * session's changes at most once per ROOM_ANNOUNCE_MS — the first at once, the
 * latest when the window ends — so the projector asks for its data again at
 * most that often and the last vote is never left unsent.
 */
import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import type { Db } from "#db/client.ts";
import { eventStream } from "#app/http.server.ts";
import { users } from "#db/schema.ts";
import { beHere, isPresenceTopic, leave, PRESENCE_BEAT_MS, whoIsHere, type LiveChange, type LiveFeed } from "./live.server.ts";

/** The window within which one workshop session's changes reach a page once. */
export const ROOM_ANNOUNCE_MS = 400;
const isRoomTopic = (topic: string) => topic.startsWith("workshop:");

export type LiveStreamOptions = {
  db: Db;
  feed: LiveFeed;
  projectId: number;
  userId: number;
  /** `<phaseId>/<stepId>` of the page, or '' (validated by the caller). */
  place: string;
  /** The last change id the page saw, when it reconnects. */
  after: number | null;
  signal: AbortSignal;
  heartbeatMs?: number;
};

export function liveStream(o: LiveStreamOptions): Response {
  const clientId = randomUUID();
  const names = new Map<number, string>();
  const nameOf = (id: number | null): string | null => {
    if (id === null) return null;
    let n = names.get(id);
    if (n === undefined) {
      n = o.db.select({ name: users.displayName }).from(users).where(eq(users.id, id)).get()?.name ?? "";
      names.set(id, n);
    }
    return n || null;
  };
  let sent = o.after ?? 0;

  return eventStream(o.signal, ({ write }) => {
    const sendPresence = () => {
      if (o.place) write(`event: presence\ndata: ${JSON.stringify(whoIsHere(o.db, o.projectId, o.place, o.userId).map((p) => p.name))}\n\n`);
    };
    const send = (c: LiveChange) => write(`id: ${c.id}\nevent: change\ndata: ${JSON.stringify({ topic: c.topic, by: c.by, byName: nameOf(c.by), at: c.at })}\n\n`);
    const rooms = new Map<string, { last: number; latest: LiveChange | null; timer: ReturnType<typeof setTimeout> | undefined }>();
    const sendRoom = (c: LiveChange) => {
      let w = rooms.get(c.topic);
      if (!w) rooms.set(c.topic, (w = { last: 0, latest: null, timer: undefined }));
      const now = Date.now();
      if (!w.timer && now - w.last >= ROOM_ANNOUNCE_MS) {
        w.last = now;
        send(c);
        return;
      }
      w.latest = c;
      const room = w;
      room.timer ??= setTimeout(() => {
        room.timer = undefined;
        room.last = Date.now();
        if (room.latest) send(room.latest);
        room.latest = null;
      }, Math.max(0, room.last + ROOM_ANNOUNCE_MS - now));
    };
    const onChange = (c: LiveChange) => {
      if (c.id <= sent) return;
      sent = c.id;
      if (isPresenceTopic(c.topic)) {
        if (c.topic === `presence:${o.place}`) sendPresence();
        return;
      }
      if (isRoomTopic(c.topic)) sendRoom(c);
      else send(c);
    };
    const unsubscribe = o.feed.subscribe(o.projectId, onChange);
    const beat = setInterval(() => {
      write(": beat\n\n");
      try {
        if (o.place) beHere(o.db, { clientId, projectId: o.projectId, userId: o.userId, place: o.place });
      } catch {
        // the database is busy: the next beat refreshes the row
      }
      sendPresence();
    }, o.heartbeatMs ?? PRESENCE_BEAT_MS);
    write("retry: 2000\n\n");
    if (o.after !== null) for (const c of o.feed.since(o.projectId, o.after)) onChange(c);
    if (o.place) beHere(o.db, { clientId, projectId: o.projectId, userId: o.userId, place: o.place });
    sendPresence();
    return () => {
      clearInterval(beat);
      for (const w of rooms.values()) clearTimeout(w.timer);
      unsubscribe();
      try {
        if (o.place) leave(o.db, clientId);
      } catch {
        // the row expires by itself
      }
    };
  });
}
