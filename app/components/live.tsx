/**
 * Live updates in the browser (decision 037): one EventSource per tab, opened
 * by the project layout on `/projects/:id/live`. A change to the project's
 * content reloads the page's data (debounced, so a burst of saves is one
 * reload): values are then replaced in place, except in a form the reader is
 * editing (see AnswerItem). Who else is on the step comes with it.
 *
 * A reload never runs while a navigation or form post is under way, and the
 * page's own change coming back just after its form post is not reloaded
 * again: React Router drops a page's action result (e.g. the invitation link
 * on the People page) on any later revalidation, so the post's own reload is
 * the one that counts (issue 20 review finding 1; every page with a form).
 *
 * Workshop votes (`workshop:` topics) do not reload project pages: a page that
 * shows them listens with `useLiveChanges`.
 */
import { createContext, useContext, useEffect, useRef, useState } from "react";
import { useNavigation, useParams, useRevalidator } from "react-router";
import { useTranslation } from "#app/i18n.ts";

export type LiveEvent = { id: number; topic: string; by: number | null; byName: string | null; at: string };

type LiveState = {
  presence: string[];
  listen: (fn: (e: LiveEvent) => void) => () => void;
  /** The latest change heard on a topic in this tab, if any. */
  lastOf: (topic: string) => LiveEvent | undefined;
};

const LiveContext = createContext<LiveState>({ presence: [], listen: () => () => {}, lastOf: () => undefined });

/** How long after the last change of a burst the page reloads its data (and at most how long a burst delays it). */
const DEBOUNCE_MS = 150;
const MAX_WAIT_MS = 600;
/** How long after this tab's own form post its own changes are taken as already loaded. */
export const OWN_POST_QUIET_MS = 5000;

/**
 * Whether a change heard now needs a reload: not while a navigation or post is
 * under way (its own loading brings the data), nor the reader's own change in
 * the moments after their post finished (that post's reload already had it).
 */
export function needsReload(e: { by: number | null }, me: number | null, nav: { posting: boolean; quietUntil: number }, now: number): boolean {
  if (nav.posting) return false;
  if (me !== null && e.by === me && now < nav.quietUntil) return false;
  return true;
}

/** Whether a change is to what the project's pages show (rather than who is where, or a workshop's votes). */
export function reloadsPages(topic: string): boolean {
  return !topic.startsWith("presence:") && !topic.startsWith("workshop:");
}

export function LiveProvider({ projectId, me = null, children }: { projectId: number; me?: number | null; children: React.ReactNode }) {
  const params = useParams();
  const navigation = useNavigation();
  // The state of this tab's navigations, read by the stream's handlers.
  const nav = useRef({ busy: false, posting: false, quietUntil: 0 });
  const busy = navigation.state !== "idle";
  if (busy) {
    nav.current.busy = true;
    if (navigation.formMethod && navigation.formMethod.toUpperCase() !== "GET") nav.current.posting = true;
  } else if (nav.current.busy) {
    if (nav.current.posting) nav.current.quietUntil = Date.now() + OWN_POST_QUIET_MS;
    nav.current = { busy: false, posting: false, quietUntil: nav.current.quietUntil };
  }
  const place = params.phaseId && params.stepId ? `${params.phaseId}/${params.stepId}` : "";
  const revalidator = useRevalidator();
  const revalidate = useRef(revalidator.revalidate);
  const meRef = useRef(me);
  meRef.current = me;
  revalidate.current = revalidator.revalidate;
  const [presence, setPresence] = useState<string[]>([]);
  const listeners = useRef(new Set<(e: LiveEvent) => void>());
  const lastId = useRef<number | null>(null);
  const lastByTopic = useRef(new Map<string, LiveEvent>());

  useEffect(() => {
    if (typeof EventSource === "undefined") return;
    const after = lastId.current === null ? "" : `${place ? "&" : "?"}after=${lastId.current}`;
    const source = new EventSource(`/projects/${projectId}/live${place ? `?place=${encodeURIComponent(place)}` : ""}${after}`);
    let timer: ReturnType<typeof setTimeout> | undefined;
    let firstPending = 0;
    let pending: LiveEvent[] = [];
    const reload = () => {
      timer = undefined;
      // A page being opened: reload once it is there (what it loaded may predate the change).
      if (nav.current.busy && !nav.current.posting) {
        timer = setTimeout(reload, DEBOUNCE_MS);
        return;
      }
      firstPending = 0;
      const now = Date.now();
      const due = pending.some((e) => needsReload(e, meRef.current, nav.current, now));
      pending = [];
      if (due) void revalidate.current();
    };
    const onChange = (message: MessageEvent<string>) => {
      let event: LiveEvent;
      try {
        event = { id: Number(message.lastEventId), ...(JSON.parse(message.data) as Omit<LiveEvent, "id">) };
      } catch {
        return;
      }
      if (Number.isFinite(event.id)) lastId.current = event.id;
      lastByTopic.current.set(event.topic, event);
      for (const fn of listeners.current) fn(event);
      if (!reloadsPages(event.topic)) return;
      // A change heard while a form post is under way is in what the post reloads afterwards.
      if (nav.current.posting) return;
      pending.push(event);
      const now = Date.now();
      firstPending ||= now;
      clearTimeout(timer);
      timer = setTimeout(reload, Math.max(0, Math.min(DEBOUNCE_MS, firstPending + MAX_WAIT_MS - now)));
    };
    const onPresence = (message: MessageEvent<string>) => {
      try {
        const names = JSON.parse(message.data) as unknown;
        if (Array.isArray(names)) setPresence((old) => (JSON.stringify(old) === JSON.stringify(names) ? old : names.map(String)));
      } catch {
        // ignore a malformed line
      }
    };
    source.addEventListener("change", onChange);
    source.addEventListener("presence", onPresence);
    return () => {
      clearTimeout(timer);
      source.close();
      setPresence([]);
    };
  }, [projectId, place]);

  const value = useRef<LiveState>({
    presence,
    listen: (fn) => {
      listeners.current.add(fn);
      return () => listeners.current.delete(fn);
    },
    lastOf: (topic) => lastByTopic.current.get(topic),
  });
  value.current = { ...value.current, presence };
  return <LiveContext.Provider value={value.current}>{children}</LiveContext.Provider>;
}

/** Everyone else on this step now, by name. */
export function usePresence(): string[] {
  return useContext(LiveContext).presence;
}

/** Calls `fn` with every change of the project as it arrives (e.g. a workshop's votes). */
export function useLiveChanges(fn: (e: LiveEvent) => void): void {
  const { listen } = useContext(LiveContext);
  const latest = useRef(fn);
  latest.current = fn;
  useEffect(() => listen((e) => latest.current(e)), [listen]);
}

/** Who made the latest change heard on a topic (e.g. `row:<itemId>`), by name. */
export function useLastChangeOf(): (topic: string) => LiveEvent | undefined {
  return useContext(LiveContext).lastOf;
}

/** "Also on this step now: …" — nothing when the reader is alone. */
export function PresenceLine() {
  const { t } = useTranslation();
  const names = usePresence();
  return (
    <p className="presence-line muted small" data-testid="presence" aria-live="polite" hidden={names.length === 0}>
      {names.length ? (
        <>
          <span className="presence-dot" aria-hidden="true" />
          {t("live.presence", { names: names.map((n) => `\u2068${n}\u2069`).join(t("live.listSeparator")) })}
        </>
      ) : null}
    </p>
  );
}
