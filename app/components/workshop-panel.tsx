import { useEffect, useRef, useState } from "react";
import { useFetcher, useRevalidator } from "react-router";
import { useLiveChanges } from "#app/components/live.tsx";
import { loc, useTranslation } from "#app/i18n.ts";
import { Link } from "#app/components/app-link.tsx";
import { translateError } from "#app/components/field.tsx";
import { localDigits } from "#app/views/format.ts";
import { adoptedScore, pointsToScores, WORKSHOP_LIMITS, type Label } from "#app/domain/workshop.ts";
import type { StepWorkshop } from "#app/domain/workshop-pages.server.ts";
import type { Language } from "#methodology/schema.ts";
import "#app/styles/workshop.css";

type Running = NonNullable<StepWorkshop["running"]>;
type Activity = Running["activities"][number];
type Result = { ok: true; intent?: string } | { ok: false; field: string; error: string; params: Record<string, string | number> } | undefined;

const labelText = (l: Label, lang: Language) => (typeof l === "string" ? l : loc(l, lang));
/** A name inside a sentence, isolated so a Persian goal does not reorder an English line (or the reverse). */
const iso = (s: string | undefined) => `\u2068${s ?? ""}\u2069`;

/** One form of the panel: posts to the session's route, shows a refusal next to it, the page refreshes on success. */
function ActionForm({ action, intent, children, className, testId, id }: { action: string; intent: string; children: React.ReactNode; className?: string; testId?: string; id?: string }) {
  const fetcher = useFetcher<Result>();
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const result = fetcher.data;
  return (
    <fetcher.Form method="post" action={action} className={className ?? "inline-form"} data-testid={testId} id={id}>
      <input type="hidden" name="intent" value={intent} />
      {children}
      {result && !result.ok ? (
        <p className="field-error" role="alert">
          {translateError(t, lang, `${result.error}|${JSON.stringify(result.params ?? {})}`)}
        </p>
      ) : null}
    </fetcher.Form>
  );
}

/**
 * The facilitator's controls on a step (decision 039): start a session; while
 * one runs, its code, link and projector, the participants, the activities
 * with their controls and results, adoption with what it will write, and
 * ending it. Members who do not facilitate see that a session runs.
 */
export function WorkshopPanel({ projectId, phaseId, stepId, workshop, questionTitles }: { projectId: number; phaseId: string; stepId: string; workshop: StepWorkshop; questionTitles: Record<string, Label> }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const n = (x: number) => localDigits(x, lang);
  const base = `/projects/${projectId}`;
  const { running } = workshop;
  // Joins, votes and ideas do not reload project pages (decision 037): the panel follows its own session.
  const revalidator = useRevalidator();
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const sessionId = running?.session.id;
  useLiveChanges((e) => {
    if (sessionId === undefined || e.topic !== `workshop:${sessionId}`) return;
    clearTimeout(timer.current);
    timer.current = setTimeout(() => void revalidator.revalidate(), 300);
  });
  if (!running) {
    return (
      <section id="workshop" className="card workshop-panel" aria-labelledby="workshop-title" data-testid="workshop-panel">
        <h3 id="workshop-title">{t("workshopUi.panel.title")}</h3>
        {workshop.elsewhere ? (
          <p className="muted">
            {t("workshopUi.panel.elsewhere")}{" "}
            <Link to={`${base}/phases/${workshop.elsewhere.phaseId}/steps/${workshop.elsewhere.stepId}#workshop`}>{labelText(workshop.elsewhere.title, lang)}</Link>
          </p>
        ) : null}
        {workshop.canRun && workshop.locked ? (
          <p className="muted" data-testid="workshop-locked">{t("workshop.errors.phaseLocked")}</p>
        ) : workshop.canRun ? (
          <ActionForm action={`${base}/workshops`} intent="start" className="stack-tight">
            <input type="hidden" name="phaseId" value={phaseId} />
            <input type="hidden" name="stepId" value={stepId} />
            <p className="muted">{t("workshopUi.panel.startHint")}</p>
            <button type="submit" className="button primary" data-testid="workshop-start">{t("workshopUi.panel.start")}</button>
          </ActionForm>
        ) : null}
      </section>
    );
  }
  const action = `${base}/workshops/${running.session.id}`;
  const projector = `${action}/projector`;
  return (
    <section id="workshop" className="card workshop-panel running" aria-labelledby="workshop-title" data-testid="workshop-panel">
      <h3 id="workshop-title">{t("workshopUi.panel.title")}</h3>
      <p className="status-ok">{t("workshopUi.panel.running")}</p>
      <div className="ws-join">
        <div>
          <p className="label">{t("workshopUi.panel.code")}</p>
          <p className="ws-code" dir="ltr" data-testid="workshop-code">{running.session.code}</p>
        </div>
        <div>
          <p className="label">{t("workshopUi.panel.link")}</p>
          <p className="ws-link" dir="ltr"><bdi>{running.joinUrl}</bdi></p>
        </div>
        <p>
          <a className="button" href={projector} target="_blank" rel="noopener" data-testid="workshop-projector-link">{t("workshopUi.panel.openProjector")}</a>
        </p>
      </div>
      {workshop.canRun && workshop.locked ? (
        <>
          {/* Signed or awaiting sign-off: the session can only be ended (what it held stays in the minutes). */}
          <p className="muted" data-testid="workshop-locked">{t("workshop.errors.phaseLocked")}</p>
          <ActionForm action={action} intent="end">
            <input type="hidden" name="confirm" value="yes" />
            <button type="submit" className="button danger" data-testid="workshop-end">{t("workshopUi.panel.endConfirm")}</button>
          </ActionForm>
        </>
      ) : workshop.canRun ? (
        <>
          <details className="ws-participants" open={running.participants.length > 0 && running.participants.length <= 12}>
            <summary>{t("workshopUi.panel.participants", { count: n(running.participants.length) })}</summary>
            {running.participants.length ? (
              <ul className="ws-people">
                {running.participants.map((p) => (
                  <li key={p.id}>
                    <bdi>{p.name}</bdi>{" "}
                    <ActionForm action={action} intent="remove">
                      <input type="hidden" name="participantId" value={p.id} />
                      <button type="submit" className="button ghost small" aria-label={`${t("workshopUi.panel.remove")}: ${p.name}`}>{t("workshopUi.panel.remove")}</button>
                    </ActionForm>
                  </li>
                ))}
              </ul>
            ) : (
              <p className="muted">{t("workshopUi.panel.noParticipants")}</p>
            )}
            <p className="muted small">{t("workshopUi.panel.removeHint")}</p>
          </details>
          <h4>{t("workshopUi.panel.activities")}</h4>
          {running.activities.length ? (
            <ol className="ws-activities">
              {running.activities.map((a) => (
                <ActivityControls key={a.id} a={a} action={action} questionTitles={questionTitles} criteriaOfProject={workshop.criteria} />
              ))}
            </ol>
          ) : (
            <p className="muted">{t("workshopUi.panel.noActivities")}</p>
          )}
          <AddActivity action={action} workshop={workshop} />
          <details className="ws-end">
            <summary>{t("workshopUi.panel.end")}</summary>
            <p className="muted">{t("workshopUi.panel.endHint")}</p>
            <ActionForm action={action} intent="end">
              <input type="hidden" name="confirm" value="yes" />
              <button type="submit" className="button danger" data-testid="workshop-end">{t("workshopUi.panel.endConfirm")}</button>
            </ActionForm>
          </details>
        </>
      ) : null}
    </section>
  );
}

function ActivityTitle({ a }: { a: Activity }) {
  const { t } = useTranslation();
  const s = a.subjects;
  const detail = s.kind === "ideas" || s.kind === "poll" ? s.question : s.kind === "goal-scores" ? t(`workshopUi.panel.modes.${s.mode}`) : "";
  return (
    <>
      <strong>{t(`workshopUi.panel.kinds.${a.kind}`)}</strong>
      {detail ? <> — <bdi>{detail}</bdi></> : null}
    </>
  );
}

function ActivityControls({ a, action, questionTitles, criteriaOfProject }: { a: Activity; action: string; questionTitles: Record<string, Label>; criteriaOfProject: Array<{ id: string; label: string }> }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const n = (x: number) => localDigits(x, lang);
  // After "Write it into the project" the page revalidates and what is written grows below: keep this
  // activity, with its confirmation, in view (review finding 8: the page jumped ~950 px to the register).
  const item = useRef<HTMLLIElement>(null);
  const wasAdopted = useRef(Boolean(a.adopted));
  useEffect(() => {
    if (a.adopted && !wasAdopted.current) item.current?.scrollIntoView({ block: "nearest" });
    wasAdopted.current = Boolean(a.adopted);
  }, [a.adopted]);
  const counted = a.kind === "ideas" ? t("workshopUi.panel.ideaCount", { count: n(a.summary.kind === "ideas" ? a.summary.groups.reduce((s, g) => s + g.count, 0) : 0) }) : t("workshopUi.panel.voted", { count: n(a.voters) });
  return (
    <li ref={item} className={`ws-activity ws-${a.state}`} data-testid={`workshop-activity-${a.kind}`} data-state={a.state}>
      <p>
        <ActivityTitle a={a} /> · <span className="muted">{t(a.kind === "ideas" && a.state === "open" ? "workshopUi.panel.states.openIdeas" : `workshopUi.panel.states.${a.state}`)}</span> · <span data-testid="workshop-activity-count">{counted}</span>
        {a.kind !== "ideas" ? <> · <span className="muted">{t(a.revealed ? "workshopUi.panel.revealed" : "workshopUi.panel.hiddenNote")}</span></> : null}
        {a.adopted ? <> · <span className="status-ok" role="status" data-testid="workshop-adopted">{t("workshopUi.panel.adopted")}</span></> : null}
      </p>
      <div className="ws-buttons">
        {a.state !== "open" && !a.adopted ? (
          <ActionForm action={action} intent="open">
            <input type="hidden" name="activityId" value={a.id} />
            {/* Reopening a closed activity is not the next step: a secondary button (review finding 8). */}
            <button type="submit" className={a.state === "closed" ? "button small" : "button primary small"} data-testid="workshop-open">{t(a.state === "closed" ? "workshopUi.panel.openAgainButton" : "workshopUi.panel.openButton")}</button>
          </ActionForm>
        ) : null}
        {a.state === "open" ? (
          <ActionForm action={action} intent="close">
            <input type="hidden" name="activityId" value={a.id} />
            <button type="submit" className="button small" data-testid="workshop-close">{t(a.kind === "ideas" ? "workshopUi.panel.closeIdeasButton" : "workshopUi.panel.closeButton")}</button>
          </ActionForm>
        ) : null}
        {a.kind !== "ideas" && a.state !== "draft" ? (
          <ActionForm action={action} intent={a.revealed ? "hide" : "reveal"}>
            <input type="hidden" name="activityId" value={a.id} />
            <button type="submit" className="button small" data-testid={a.revealed ? "workshop-hide" : "workshop-reveal"}>{a.revealed ? t("workshopUi.panel.hideButton") : t("workshopUi.panel.revealButton")}</button>
          </ActionForm>
        ) : null}
      </div>
      {a.kind === "ideas" && a.summary.kind === "ideas" && a.summary.groups.length ? <IdeaControls a={a} action={action} questionTitles={questionTitles} /> : null}
      {a.state === "closed" && !a.adopted && a.kind !== "ideas" ? <AdoptPreview a={a} action={action} criteriaOfProject={criteriaOfProject} /> : null}
    </li>
  );
}

function IdeaControls({ a, action, questionTitles }: { a: Activity; action: string; questionTitles: Record<string, Label> }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  if (a.summary.kind !== "ideas") return null;
  const groups = a.summary.groups;
  const itemId = "itemId" in a.config ? String(a.config.itemId) : "";
  // The ticks serve merging and adopting: the adopt panel lists exactly the ticked ideas it will write.
  const [ticked, setTicked] = useState<ReadonlySet<number>>(new Set());
  const tick = (id: number, on: boolean) => setTicked((prev) => { const next = new Set(prev); if (on) next.add(id); else next.delete(id); return next; });
  const chosen = groups.filter((g) => ticked.has(g.id));
  const question = questionTitles[itemId];
  return (
    <div className="ws-ideas">
      <ActionForm action={action} intent="merge" className="stack-tight" testId="workshop-merge" id={`merge-${a.id}`}>
        <table className="data-table ws-idea-table">
          <thead>
            <tr>
              <th scope="col">{t("workshopUi.panel.tick")}</th>
              <th scope="col">{t("workshopUi.panel.mergeInto")}</th>
              <th scope="col">{t("workshopUi.projector.columns.idea")}</th>
            </tr>
          </thead>
          <tbody>
            {groups.map((g, i) => (
              <tr key={g.id}>
                <td><input type="checkbox" name="from" value={g.id} checked={ticked.has(g.id)} onChange={(e) => tick(g.id, e.currentTarget.checked)} aria-label={`${t("workshopUi.panel.tick")}: ${g.text}`} data-testid="workshop-idea-tick" /></td>
                <td><input type="radio" name="into" value={g.id} defaultChecked={i === 0} aria-label={`${t("workshopUi.panel.mergeInto")}: ${g.text}`} /></td>
                {/* Aligned to the page's start, next to its tick box; the idea's own direction is kept by <bdi>. */}
                <td>
                  <bdi>{g.text}</bdi>
                  {g.count > 1 ? <span className="muted"> (×{localDigits(g.count, lang)})</span> : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <button type="submit" className="button small">{t("workshopUi.panel.merge")}</button>
      </ActionForm>
      {!a.adopted && a.state !== "open" ? (
        <details className="ws-adopt">
          <summary className="button small">{t("workshopUi.panel.adopt")}</summary>
          <p>{t("workshopUi.panel.adoptIdeas", { question: iso(question ? labelText(question, lang) : itemId) })}</p>
          {chosen.length ? (
            <ul className="ws-adopt-ideas" data-testid="workshop-adopt-ideas">
              {chosen.map((g) => <li key={g.id}><bdi>{g.text}</bdi></li>)}
            </ul>
          ) : <p className="muted">{t("workshopUi.panel.adoptIdeasNone")}</p>}
          <AdoptIdeasForm ideaIds={chosen.map((g) => g.id)} action={action} activityId={a.id} />
        </details>
      ) : null}
    </div>
  );
}

/** Adopts the ideas ticked in the merge table (the same tick boxes serve both). */
function AdoptIdeasForm({ ideaIds, action, activityId }: { ideaIds: readonly number[]; action: string; activityId: number }) {
  const fetcher = useFetcher<Result>();
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  return (
    <fetcher.Form
      method="post"
      action={action}
      onSubmit={(e) => {
        e.preventDefault();
        const body = new FormData();
        body.set("intent", "adopt");
        body.set("activityId", String(activityId));
        for (const v of ideaIds) body.append("ideaIds", String(v));
        void fetcher.submit(body, { method: "post", action });
      }}
    >
      <button type="submit" className="button primary small" data-testid="workshop-adopt-confirm">{t("workshopUi.panel.adoptConfirm")}</button>
      {fetcher.data && !fetcher.data.ok ? <p className="field-error" role="alert">{translateError(t, lang, `${fetcher.data.error}|${JSON.stringify(fetcher.data.params ?? {})}`)}</p> : null}
    </fetcher.Form>
  );
}

/** What adoption will write, before it is written; for points, the criterion they become scores of. */
function AdoptPreview({ a, action, criteriaOfProject }: { a: Activity; action: string; criteriaOfProject: Array<{ id: string; label: string }> }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const n = (x: number) => localDigits(x, lang);
  const s = a.subjects;
  const sum = a.summary;
  /** What adoption writes, one row per value: the names in cells of their own (a Persian goal never reorders an English line). */
  let lines: string[][] = [];
  const col = (k: string) => t(`workshopUi.projector.columns.${k}`);
  let head: string[] = [];
  const line = (names: string[], value: string, votes?: number) => [...names, value, ...(votes === undefined ? [] : [n(votes)])];
  let criteria: Array<{ id: string; label: string }> = [];
  if (s.kind === "goal-scores" && sum.kind === "goal-scores") {
    const goal = new Map(s.goals.map((g) => [g.id, g.label]));
    if (s.mode === "criteria" && sum.mode === "criteria") {
      const crit = new Map(s.criteria.map((c) => [c.id, c.label]));
      head = [col("goal"), col("criterion"), col("median"), col("votes")];
      lines = sum.cells.flatMap((c) => (c.stats.median === null ? [] : [line([goal.get(c.goalId) ?? "", crit.get(c.criterionId) ?? ""], n(adoptedScore(c.stats.median)), c.stats.n)]));
    } else if (sum.mode === "points") {
      const scores = pointsToScores(sum.goals);
      head = [col("goal"), col("points")];
      lines = sum.voters ? sum.goals.map((g) => line([goal.get(g.goalId) ?? ""], `${n(scores.get(g.goalId) ?? 0)} / ${n(WORKSHOP_LIMITS.scoreMax)} (${n(g.total)})`)) : [];
      criteria = criteriaOfProject;
    }
  } else if (s.kind === "readiness" && sum.kind === "readiness") {
    const topic = new Map(s.topics.map((x) => [x.id, labelText(x.label, lang)]));
    head = [col("topic"), col("median"), col("votes")];
    lines = sum.topics.flatMap((x) => (x.stats.median === null ? [] : [line([topic.get(x.topicId) ?? ""], n(adoptedScore(x.stats.median)), x.stats.n)]));
  } else if (s.kind === "poll") {
    return <p className="muted">{t("workshopUi.panel.adoptPoll")}</p>;
  }
  return (
    <details className="ws-adopt" data-testid="workshop-adopt">
      <summary className="button small">{t("workshopUi.panel.adopt")}</summary>
      {lines.length ? (
        <ActionForm action={action} intent="adopt" className="stack-tight">
          <input type="hidden" name="activityId" value={a.id} />
          <p>{t("workshopUi.panel.adoptWrites")}</p>
          <table className="data-table ws-writes" data-testid="workshop-adopt-lines">
            <thead>
              <tr>{head.map((h, i) => <th key={i} scope="col">{h}</th>)}</tr>
            </thead>
            <tbody>
              {lines.map((l, i) => (
                <tr key={i}>
                  {l.map((cell, j) => <td key={j} dir="auto">{cell}</td>)}
                </tr>
              ))}
            </tbody>
          </table>
          {criteria.length ? (
            <label>
              {t("workshopUi.panel.adoptPointsInto")}{" "}
              <select name="criterionId" required>
                {criteria.map((c) => <option key={c.id} value={c.id}>{c.label}</option>)}
              </select>
            </label>
          ) : null}
          <button type="submit" className="button primary small" data-testid="workshop-adopt-confirm">{t("workshopUi.panel.adoptConfirm")}</button>
        </ActionForm>
      ) : (
        <p className="muted">{t("workshopUi.panel.adoptNothing")}</p>
      )}
    </details>
  );
}

/** One "add an activity" form: its kind, its own fields, the add button. */
function AddActivityForm({ action, kind, children }: { action: string; kind: "ideas" | "goal-scores" | "readiness" | "poll"; children?: React.ReactNode }) {
  const { t } = useTranslation();
  return (
    <ActionForm action={action} intent="add" className="card ws-add-form" testId={`workshop-add-${kind}`}>
      <input type="hidden" name="kind" value={kind} />
      <h5>{t(`workshopUi.panel.kinds.${kind}`)}</h5>
      {children}
      <button type="submit" className="button small">{t("workshopUi.panel.addButton")}</button>
    </ActionForm>
  );
}

function AddActivity({ action, workshop }: { action: string; workshop: StepWorkshop }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const offered = workshop.offered;
  return (
    <details className="ws-add" open={!workshop.running?.activities.length}>
      <summary className="button">{t("workshopUi.panel.add")}</summary>
      <div className="ws-add-forms">
        {offered.includes("ideas") ? (
          <AddActivityForm action={action} kind="ideas">
            <label>
              {t("workshopUi.panel.ideasItem")}
              <select name="itemId">
                {workshop.ideaQuestions.map((q) => <option key={q.id} value={q.id}>{labelText(q.title, lang)}</option>)}
              </select>
            </label>
            <label>
              {t("workshopUi.panel.question")}
              <input name="question" maxLength={WORKSHOP_LIMITS.question} required dir="auto" />
            </label>
          </AddActivityForm>
        ) : null}
        {offered.includes("goal-scores") ? (
          <AddActivityForm action={action} kind="goal-scores">
            <fieldset>
              <legend>{t("workshopUi.panel.mode")}</legend>
              <label><input type="radio" name="mode" value="criteria" defaultChecked /> {t("workshopUi.panel.modes.criteria")}</label>
              <label><input type="radio" name="mode" value="points" /> {t("workshopUi.panel.modes.points")}</label>
            </fieldset>
            <label>
              {t("workshopUi.panel.points")}
              <input name="points" type="number" min={WORKSHOP_LIMITS.pointsMin} max={WORKSHOP_LIMITS.pointsMax} defaultValue={WORKSHOP_LIMITS.pointsDefault} />
            </label>
          </AddActivityForm>
        ) : null}
        {offered.includes("readiness") ? <AddActivityForm action={action} kind="readiness" /> : null}
        <AddActivityForm action={action} kind="poll">
          <label>
            {t("workshopUi.panel.pollQuestion")}
            <input name="question" maxLength={WORKSHOP_LIMITS.question} required dir="auto" />
          </label>
          <label>
            {t("workshopUi.panel.pollOptions")}
            <textarea name="options" rows={4} required dir="auto" />
          </label>
        </AddActivityForm>
      </div>
      {!offered.includes("goal-scores") || !offered.includes("readiness") ? <p className="muted small">{t("workshopUi.panel.notOffered")}</p> : null}
    </details>
  );
}
