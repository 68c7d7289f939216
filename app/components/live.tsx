/**
 * Live updates in the browser (decision 037): one EventSource per tab, opened
 * by the project layout on `/projects/:id/live`. A change to the project's
 * content reloads the page's data (debounced, so a burst of saves is one
 * reload): values are then replaced in place, except in a form the reader is
 * editing (see AnswerItem). Who else is on the step comes with it.
 *
 * A reload never runs while a navigation or form post is under way: the
 * post's own revalidation brings its change. A form whose result must outlive
 * later reloads (the People page's invitation link) is a fetcher form, whose
 * data survives revalidation.
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
};

const LiveContext = createContext<LiveState>({ presence: [], listen: () => () => {} });

/** How long after the last change of a burst the page reloads its data (and at most how long a burst delays it). */
const DEBOUNCE_MS = 150;
const MAX_WAIT_MS = 600;

/** Whether a change is to what the project's pages show (rather than who is where, or a workshop's votes). */
export function reloadsPages(topic: string): boolean {
  return !topic.startsWith("presence:") && !topic.startsWith("workshop:");
}

export function LiveProvider({ projectId, children }: { projectId: number; children: React.ReactNode }) {
  const params = useParams();
  const navigation = useNavigation();
  // This tab's navigation now, read by the stream's handlers.
  const busy = navigation.state !== "idle";
  const nav = useRef({ busy, posting: false });
  nav.current = { busy, posting: busy && !!navigation.formMethod && navigation.formMethod.toUpperCase() !== "GET" };
  const place = params.phaseId && params.stepId ? `${params.phaseId}/${params.stepId}` : "";
  const revalidator = useRevalidator();
  const revalidate = useRef(revalidator.revalidate);
  revalidate.current = revalidator.revalidate;
  const [presence, setPresence] = useState<string[]>([]);
  const listeners = useRef(new Set<(e: LiveEvent) => void>());
  const lastId = useRef<number | null>(null);

  useEffect(() => {
    if (typeof EventSource === "undefined") return;
    const after = lastId.current === null ? "" : `${place ? "&" : "?"}after=${lastId.current}`;
    const source = new EventSource(`/projects/${projectId}/live${place ? `?place=${encodeURIComponent(place)}` : ""}${after}`);
    let timer: ReturnType<typeof setTimeout> | undefined;
    let firstPending = 0;
    const reload = () => {
      timer = undefined;
      // A page being opened: reload once it is there (what it loaded may predate the change).
      if (nav.current.busy && !nav.current.posting) {
        timer = setTimeout(reload, DEBOUNCE_MS);
        return;
      }
      firstPending = 0;
      // A post under way reloads the page itself when it is done.
      if (!nav.current.posting) void revalidate.current();
    };
    const onChange = (message: MessageEvent<string>) => {
      let event: LiveEvent;
      try {
        event = { id: Number(message.lastEventId), ...(JSON.parse(message.data) as Omit<LiveEvent, "id">) };
      } catch {
        return;
      }
      if (Number.isFinite(event.id)) lastId.current = event.id;
      for (const fn of listeners.current) fn(event);
      if (!reloadsPages(event.topic)) return;
      // A change heard while a form post is under way is in what the post reloads afterwards.
      if (nav.current.posting) return;
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
