/**
 * Live updates in the browser (decision 037): one EventSource per tab, opened
 * by the project layout on `/projects/:id/live`. A change to the project's
 * content reloads the page's data (debounced, so a burst of saves is one
 * reload): values are then replaced in place, except in a form the reader is
 * editing (see AnswerItem). Who else is on the step comes with it.
 *
 * Workshop votes (`workshop:` topics) do not reload project pages: a page that
 * shows them listens with `useLiveChanges`.
 */
import { createContext, useContext, useEffect, useRef, useState } from "react";
import { useParams, useRevalidator } from "react-router";
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

/** Whether a change is to what the project's pages show (rather than who is where, or a workshop's votes). */
export function reloadsPages(topic: string): boolean {
  return !topic.startsWith("presence:") && !topic.startsWith("workshop:");
}

export function LiveProvider({ projectId, children }: { projectId: number; children: React.ReactNode }) {
  const params = useParams();
  const place = params.phaseId && params.stepId ? `${params.phaseId}/${params.stepId}` : "";
  const revalidator = useRevalidator();
  const revalidate = useRef(revalidator.revalidate);
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
    const reload = () => {
      timer = undefined;
      firstPending = 0;
      void revalidate.current();
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
