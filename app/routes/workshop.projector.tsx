import { useEffect, useLayoutEffect, useMemo, useRef, useState } from "react";
import { data, useRevalidator } from "react-router";
import type { Route } from "./+types/workshop.projector";
import { loc, useTranslation } from "#app/i18n.ts";
import { Link } from "#app/components/app-link.tsx";
import { ChartFigure } from "#app/components/chart-figure.tsx";
import { getPreferences } from "#app/domain/preferences.server.ts";
import { requireProjectContext } from "#app/domain/project-context.server.ts";
import { getSession, projectorView } from "#app/domain/workshop.server.ts";
import { joinPath, joinTokenOf } from "#app/domain/workshop-pages.server.ts";
import { joinQr } from "#app/views/join-qr.server.ts";
import { activityResultView, goalPages } from "#app/views/workshop-views.ts";
import { localDigits } from "#app/views/format.ts";
import { parseId } from "#app/http.server.ts";
import { pageTitle } from "#app/meta.ts";
import type { Language } from "#methodology/schema.ts";
import "#app/styles/workshop.css";

/** Full screen: no app header (root.tsx). */
export const handle = { header: false };

export async function loader({ params, context, request }: Route.LoaderArgs) {
  const { db, project, pack } = requireProjectContext(params.projectId, context);
  const session = getSession(db, parseId(params.sessionId));
  if (!session || session.projectId !== project.id) throw data({ error: "errors.notFound" }, { status: 404 });
  const { lang } = await getPreferences(request);
  const view = projectorView(db, session.id);
  const path = joinPath(session, joinTokenOf(db, request, session));
  const url = new URL(request.url).origin + path;
  const step = pack.phases.find((p) => p.id === session.phaseId)?.steps.find((s) => s.id === session.stepId);
  const a = view.activity;
  return {
    projectId: project.id,
    sessionId: session.id,
    stepPath: `/projects/${project.id}/phases/${session.phaseId}/steps/${session.stepId}`,
    stepTitle: step?.title ?? null,
    code: session.code,
    ended: session.endedAt !== null,
    joinUrl: url,
    qr: session.endedAt ? null : joinQr(url),
    participants: view.participantCount,
    /** The server's clock when the page was made: the timer counts from the activity's opening on it. */
    now: new Date().toISOString(),
    activity: a
      ? {
          id: a.id,
          kind: a.kind,
          state: a.state,
          revealed: a.revealed,
          openedAt: a.openedAt,
          voters: a.voters,
          question: a.subjects.kind === "ideas" || a.subjects.kind === "poll" ? a.subjects.question : null,
          ideas: a.summary?.kind === "ideas" ? a.summary.groups.map((g) => ({ id: g.id, text: g.text, count: g.count })) : null,
          ideaPeople: a.summary?.kind === "ideas" ? a.summary.voters : 0,
          // The chart is drawn in the page (the same pure module), so it can page the goals to fit the screen.
          subjects: a.kind !== "ideas" ? a.subjects : null,
          summary: a.summary && a.kind !== "ideas" ? a.summary : null,
        }
      : null,
  };
}

export function meta({ matches }: Route.MetaArgs) {
  return pageTitle(matches, (t) => [t("workshopUi.projector.title")]);
}

/** Follows the project's live changes (decision 037) and reloads this page's data when the session's change. */
function useSessionUpdates(projectId: number, sessionId: number) {
  const revalidator = useRevalidator();
  useEffect(() => {
    const source = new EventSource(`/projects/${projectId}/live`);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const onChange = (e: MessageEvent<string>) => {
      try {
        if ((JSON.parse(e.data) as { topic?: string }).topic !== `workshop:${sessionId}`) return;
      } catch {
        return;
      }
      clearTimeout(timer);
      timer = setTimeout(() => void revalidator.revalidate(), 100);
    };
    source.addEventListener("change", onChange);
    return () => {
      clearTimeout(timer);
      source.close();
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [projectId, sessionId]);
}

/** Minutes and seconds since the activity opened, counted on the server's clock and ticking in the browser. */
function Timer({ openedAt, now, running }: { openedAt: string; now: string; running: boolean }) {
  const { i18n } = useTranslation();
  const lang = i18n.language as Language;
  const start = Date.parse(openedAt);
  const [elapsed, setElapsed] = useState(() => Math.max(0, Date.parse(now) - start));
  useEffect(() => {
    if (!running) return;
    const skew = Date.now() - Date.parse(now);
    const tick = () => setElapsed(Math.max(0, Date.now() - skew - start));
    const id = setInterval(tick, 1000);
    return () => clearInterval(id);
  }, [start, now, running]);
  const s = Math.floor(elapsed / 1000);
  const text = `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
  return <strong className="projector-timer" dir="ltr" data-testid="projector-timer">{localDigits(text, lang)}</strong>;
}

/** The height the chart may take before the first measurement (a 1366 × 768 projector), in chart units. */
const FIRST_ROOM = 420;
/** The width of the drawn charts, in units (app/views/workshop-charts.ts). */
const CHART_UNITS = 1200;
/** Room kept under the chart for its "as a table" line and the page's margin, in px. */
const BELOW_CHART = 64;

/**
 * How much height the chart has on this screen, in the chart's units: from the
 * top of the drawn chart to the bottom of the window, less the line under it.
 * Many goals are then shown a page at a time (Page Up / Page Down, or the
 * buttons), each page drawn at full width, so labels keep their size.
 */
function useChartRoom(ref: React.RefObject<HTMLDivElement | null>, active: boolean): number {
  const [room, setRoom] = useState(FIRST_ROOM);
  const [, setResized] = useState(0);
  // Measured after every render (the pager above the chart appears once there are pages), settling at once.
  useLayoutEffect(() => {
    const el = ref.current?.querySelector<HTMLElement>(".chart-svg");
    if (!active || !el) return;
    const top = el.getBoundingClientRect().top + window.scrollY;
    const scale = el.clientWidth / CHART_UNITS;
    if (scale <= 0) return;
    const next = Math.max(120, Math.floor((window.innerHeight - top - BELOW_CHART) / scale));
    if (Math.abs(next - room) > 2) setRoom(next);
  });
  useEffect(() => {
    if (!active) return;
    const onResize = () => setResized((k) => k + 1);
    window.addEventListener("resize", onResize);
    return () => window.removeEventListener("resize", onResize);
  }, [active]);
  return room;
}

export default function Projector({ loaderData: d }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const n = (x: number) => localDigits(x, lang);
  useSessionUpdates(d.projectId, d.sessionId);
  const a = d.activity;
  const chartRef = useRef<HTMLDivElement>(null);
  const paged = a?.subjects?.kind === "goal-scores" && a.summary !== null;
  const room = useChartRoom(chartRef, paged);
  const pages = useMemo(() => (a?.subjects ? goalPages(a.subjects, room) : []), [a?.subjects, room]);
  const [pageNo, setPageNo] = useState(0);
  const page = pages.length > 1 ? pages[Math.min(pageNo, pages.length - 1)] : undefined;
  const result = useMemo(() => (a?.subjects && a.summary ? activityResultView(a.subjects, a.summary, lang, page) : null), [a?.subjects, a?.summary, lang, page]);
  const turn = (by: number) => setPageNo((p) => Math.max(0, Math.min(pages.length - 1, Math.min(p, pages.length - 1) + by)));
  useEffect(() => {
    if (pages.length < 2) return;
    // A presenter's clicker sends Page Down / Page Up.
    const onKey = (e: KeyboardEvent) => {
      if (document.querySelector("dialog[open]")) return;
      if (e.key === "PageDown") turn(1);
      else if (e.key === "PageUp") turn(-1);
      else return;
      e.preventDefault();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [pages.length]);
  return (
    <main id="main" className="projector" data-testid="projector" data-activity={a ? `${a.id}:${a.state}:${a.revealed}` : ""}>
      <div className="projector-head">
        <div>
          <p className="projector-back">
            <Link to={d.stepPath}>{t("workshopUi.projector.backToStep")}{d.stepTitle ? `: ${loc(d.stepTitle, lang)}` : ""}</Link>
          </p>
          <h1>{a ? (a.question ? <bdi>{a.question}</bdi> : t(`workshopUi.panel.kinds.${a.kind}`)) : d.ended ? t("workshopUi.projector.ended") : t("workshopUi.projector.waiting")}</h1>
          <p className="projector-meta">
            <span data-testid="projector-participants">{t("workshopUi.projector.participants", { count: n(d.participants) })}</span>
            {a && a.kind !== "ideas" ? <span data-testid="projector-voted">{t("workshopUi.projector.voted", { count: n(a.voters), total: n(d.participants) })}</span> : null}
            {a && a.kind === "ideas" && a.ideas ? <span data-testid="projector-voted">{t("workshopUi.projector.ideasSent", { count: n(a.ideas.reduce((s, g) => s + g.count, 0)), people: n(a.ideaPeople) })}</span> : null}
            {a && a.openedAt ? (
              a.state === "open" ? (
                <span>
                  {t("workshopUi.projector.openFor")} <Timer openedAt={a.openedAt} now={d.now} running />
                </span>
              ) : (
                <strong>{t("workshopUi.projector.closed")}</strong>
              )
            ) : null}
          </p>
        </div>
        {d.qr ? (
          <div className="projector-join" data-testid="projector-join">
            <svg viewBox={`0 0 ${d.qr.size} ${d.qr.size}`} role="img" aria-label={d.joinUrl} shapeRendering="crispEdges" data-testid="projector-qr">
              <rect width={d.qr.size} height={d.qr.size} fill="#fff" />
              <path d={d.qr.path} fill="#000" />
            </svg>
            <div>
              <p>{t("workshopUi.projector.join")}</p>
              <p className="ws-code" dir="ltr" data-testid="projector-code">{d.code}</p>
              <p className="muted">{t("workshopUi.projector.scan")}</p>
              <p className="ws-link" dir="ltr"><bdi>{d.joinUrl}</bdi></p>
            </div>
          </div>
        ) : null}
      </div>
      <div className="projector-body" aria-live="polite">
        {a?.ideas ? (
          <ul className="projector-ideas" data-testid="projector-ideas">
            {a.ideas.map((g) => (
              <li key={g.id} dir="auto">
                <bdi>{g.text}</bdi>
                {g.count > 1 ? <span className="muted"> ×{n(g.count)}</span> : null}
              </li>
            ))}
          </ul>
        ) : a && a.kind !== "ideas" ? (
          result ? (
            <div className="projector-chart" data-testid="projector-result" ref={chartRef}>
              {page ? (
                <nav className="projector-pages" aria-label={t("workshopUi.projector.goalsPage", { from: n(page.from + 1), to: n(page.to), count: n(pages.at(-1)!.to) })} data-testid="projector-pages">
                  <button type="button" className="button" onClick={() => turn(-1)} disabled={page === pages[0]}>
                    {t("workshopUi.projector.previousGoals")} <kbd dir="ltr">PgUp</kbd>
                  </button>
                  <strong aria-live="polite">{t("workshopUi.projector.goalsPage", { from: n(page.from + 1), to: n(page.to), count: n(pages.at(-1)!.to) })}</strong>
                  <button type="button" className="button" onClick={() => turn(1)} disabled={page === pages.at(-1)}>
                    {t("workshopUi.projector.nextGoals")} <kbd dir="ltr">PgDn</kbd>
                  </button>
                </nav>
              ) : null}
              <ChartFigure view={result} empty={t("workshopUi.projector.notScored")} />
            </div>
          ) : (
            <p className="projector-hidden" data-testid="projector-hidden">{t("workshopUi.projector.hidden")}</p>
          )
        ) : null}
      </div>
    </main>
  );
}
