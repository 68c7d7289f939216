import { data, redirect } from "react-router";
import type { Route } from "./+types/workshop.phone";
import { useTranslation } from "#app/i18n.ts";
import { PhoneFrame } from "#app/components/phone-page.tsx";
import { translateError } from "#app/components/field.tsx";
import { getDb } from "#db/client.ts";
import { readCookie } from "#app/domain/auth.server.ts";
import { castBallot, join, participantBySecret, participantView, sendIdea } from "#app/domain/workshop.server.ts";
import { ballotFromForm, participantCookie, participantCookieName, phoneLanguage, refusalData, sessionOfKey, type Refused } from "#app/domain/workshop-pages.server.ts";
import { WORKSHOP_LIMITS, type ActivitySubjects, type Ballot, type Label } from "#app/domain/workshop.ts";
import { readForm } from "#app/http.server.ts";
import { localDigits } from "#app/views/format.ts";
import { pageTitle } from "#app/meta.ts";
import type { Language } from "#methodology/schema.ts";
import { JoinForm } from "./workshop.join.tsx";

/** A phone page: rendered on the server only, no app stylesheet or script (decision 039). */
export const handle = { bare: true };

const labelText = (l: Label, lang: Language) => (typeof l === "string" ? l : l[lang] || l.en);

/** The session of the link and, when this phone's cookie holds one of its participants, who. */
function whoIsAsking(request: Request, key: string | undefined) {
  const db = getDb();
  const session = sessionOfKey(db, key);
  if (!session) throw data({ error: "workshopUi.phone.notFound" }, { status: 404 });
  const participant = participantBySecret(db, session.id, readCookie(request, participantCookieName(session.id)));
  return { db, session, participant };
}

export async function loader({ params, request }: Route.LoaderArgs) {
  const { db, session, participant } = whoIsAsking(request, params.token);
  const lang = await phoneLanguage(db, request, params.token);
  const sent = new URL(request.url).searchParams.get("sent");
  if (session.endedAt) return data({ state: "ended" as const, name: participant?.name ?? null, sent: null, activity: null }, { status: 410 });
  // A cookie of this session that names no participant: the facilitator removed them (they may join again).
  if (!participant) return { state: readCookie(request, participantCookieName(session.id)) ? ("removed" as const) : ("join" as const), name: null, sent: null, activity: null };
  const view = participantView(db, session.id, participant.id);
  const a = view.activity;
  return {
    state: "in" as const,
    name: participant.name,
    sent: sent === "vote" || sent === "idea" ? (sent as "vote" | "idea") : null,
    // Only what the phone needs, in the reader's language: nothing else of the project.
    activity: a
      ? {
          id: a.id,
          kind: a.kind,
          subjects: a.subjects.kind === "readiness" ? { ...a.subjects, topics: a.subjects.topics.map((x) => ({ id: x.id, label: labelText(x.label, lang) })) } : a.subjects,
          ownBallot: a.ownBallot,
          ownIdeas: a.ownIdeas,
        }
      : null,
  };
}

/**
 * A phone's posts (plain forms, no script needed): join by name, cast or
 * change a ballot, send an idea. The participant is the one the cookie names
 * in this session; anything else is refused (403), as is a closed or unknown
 * activity or a value out of range, and nothing is written.
 */
export async function action({ params, request }: Route.ActionArgs) {
  const { db, session, participant } = whoIsAsking(request, params.token);
  const f = await readForm(request);
  const here = `/w/${params.token}`;
  const one = (v: string | string[] | undefined) => (Array.isArray(v) ? undefined : v);
  const intent = one(f.intent);
  try {
    if (intent === "join") {
      if (participant) return redirect(here, 303);
      const joined = join(db, { sessionId: session.id, name: f.name });
      return redirect(here, { status: 303, headers: { "Set-Cookie": participantCookie(session.id, joined.secret) } });
    }
    if (intent !== "vote" && intent !== "idea") return data({ ok: false as const, field: "_form", error: "errors.badForm", params: {} }, { status: 400 });
    if (session.endedAt) return data({ ok: false as const, field: "_form", error: "workshopUi.phone.ended", params: {} }, { status: 410 });
    if (!participant) return data({ ok: false as const, field: "_form", error: "workshop.errors.unknownParticipant", params: {} }, { status: 403 });
    const activityId = one(f.activityId);
    if (intent === "idea") {
      sendIdea(db, { activityId, participantId: participant.id, text: one(f.text) });
      return redirect(`${here}?sent=idea`, 303);
    }
    const view = participantView(db, session.id, participant.id);
    // The ballot's shape is read from the activity named in the form, if it is the open one;
    // castBallot refuses any other (unknown 404, closed 409) before anything is written.
    const subjects: ActivitySubjects = view.activity && String(view.activity.id) === activityId ? view.activity.subjects : { kind: "poll", question: "", options: [] };
    castBallot(db, { activityId, participantId: participant.id, value: ballotFromForm(subjects, f) });
    return redirect(`${here}?sent=vote`, 303);
  } catch (error) {
    return refusalData(error);
  }
}

export function meta({ matches }: Route.MetaArgs) {
  return pageTitle(matches, (t) => [t("workshopUi.phone.title")]);
}

export default function PhonePage({ loaderData: d, actionData, params }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const here = `/w/${params.token}`;
  const refused = actionData as Refused | undefined;
  if (d.state === "join" || d.state === "removed") return <JoinForm code="" askCode={false} refused={refused} returnTo={here} removed={d.state === "removed"} />;
  const a = d.activity;
  const error = refused && !refused.ok ? translateError(t, lang, `${refused.error}|${JSON.stringify(Object.fromEntries(Object.entries(refused.params ?? {}).map(([k, v]) => [k, String(v)])))}`) : null;
  const state = d.state === "ended" ? "ended" : a ? `${a.id}` : "waiting";
  return (
    <PhoneFrame returnTo={here} name={d.name}>
      <div className="bar" id="w-changed" hidden>
        <span>{t("workshopUi.phone.newActivity")}</span>
        <button type="button" id="w-show-new">{t("workshopUi.phone.showNew")}</button>
      </div>
      <main id="main" data-state={state} data-testid="phone">
        {d.state === "ended" ? (
          <p className="note" data-testid="phone-ended">{t("workshopUi.phone.ended")}</p>
        ) : !a ? (
          <>
            <p className="muted">{t("workshopUi.phone.hello", { name: d.name })}</p>
            <p className="note" data-testid="phone-waiting">{t("workshopUi.phone.waiting")}</p>
          </>
        ) : (
          <ActivityForm a={a} sent={d.sent as "vote" | "idea" | null} error={error} />
        )}
      </main>
      {d.state !== "ended" ? <script src="/w.js" defer /> : null}
    </PhoneFrame>
  );
}

type PhoneActivity = { id: number; kind: string; subjects: ActivitySubjects; ownBallot: Ballot | null; ownIdeas: Array<{ id: number; text: string }> };

function Scale({ name, value, label }: { name: string; value: number | undefined; label: string }) {
  const { i18n } = useTranslation();
  const lang = i18n.language as Language;
  const values = Array.from({ length: WORKSHOP_LIMITS.scoreMax - WORKSHOP_LIMITS.scoreMin + 1 }, (_, i) => WORKSHOP_LIMITS.scoreMin + i);
  return (
    <div className="scale" role="radiogroup" aria-label={label}>
      {values.map((v) => (
        <label key={v}>
          <input type="radio" name={name} value={v} defaultChecked={value === v} />
          {localDigits(v, lang)}
        </label>
      ))}
    </div>
  );
}

function ActivityForm({ a, sent, error }: { a: PhoneActivity; sent: "vote" | "idea" | null; error: string | null }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const s = a.subjects;
  const own = a.ownBallot;
  const submit = s.kind === "ideas" ? t("workshopUi.phone.sendIdea") : s.kind === "poll" ? t("workshopUi.phone.sendVote") : t("workshopUi.phone.sendScores");
  return (
    <>
      <h1>{s.kind === "ideas" || s.kind === "poll" ? <bdi>{s.question}</bdi> : t(`workshopUi.panel.kinds.${s.kind}`)}</h1>
      {sent ? <p className="ok" role="status" data-testid="phone-saved">{t(sent === "idea" ? "workshopUi.phone.ideaSaved" : "workshopUi.phone.saved")}</p> : null}
      {error ? <p className="err" role="alert" data-testid="phone-error">{error}</p> : null}
      <form method="post" id="ballot" data-testid="phone-form">
        <input type="hidden" name="intent" value={s.kind === "ideas" ? "idea" : "vote"} />
        <input type="hidden" name="activityId" value={a.id} />
        {s.kind === "ideas" ? (
          <>
            <label className="f" htmlFor="text">{t("workshopUi.phone.idea")}</label>
            <textarea id="text" name="text" required maxLength={WORKSHOP_LIMITS.idea} dir="auto" aria-describedby="idea-hint" />
            <p className="muted" id="idea-hint">{t("workshopUi.phone.ideaHint")}</p>
            {a.ownIdeas.length ? (
              <>
                <h2>{t("workshopUi.phone.yourIdeas")}</h2>
                <ul className="mine">{a.ownIdeas.map((i) => <li key={i.id} dir="auto"><bdi>{i.text}</bdi></li>)}</ul>
              </>
            ) : null}
          </>
        ) : null}
        {s.kind === "goal-scores" && s.mode === "criteria" ? (
          <>
            <p className="muted">{t("workshopUi.phone.scoreScale")}</p>
            {s.goals.map((g) => (
              <fieldset key={g.id}>
                <legend><bdi>{g.label}</bdi></legend>
                {s.criteria.map((c) => (
                  <div key={c.id}>
                    <p className="sub"><bdi>{c.label}</bdi></p>
                    <Scale name={`s:${g.id}:${c.id}`} label={`${g.label} — ${c.label}`} value={own && "scores" in own ? own.scores[g.id]?.[c.id] : undefined} />
                  </div>
                ))}
              </fieldset>
            ))}
          </>
        ) : null}
        {s.kind === "goal-scores" && s.mode === "points" ? (
          <>
            <p className="muted">{t("workshopUi.phone.pointsOf", { total: localDigits(s.points, lang) })}</p>
            <fieldset>
              {s.goals.map((g) => (
                <p className="pts" key={g.id}>
                  <label htmlFor={`p-${g.id}`}><bdi>{g.label}</bdi></label>
                  <input id={`p-${g.id}`} name={`p:${g.id}`} type="number" inputMode="numeric" min={0} max={s.points} defaultValue={own && "points" in own ? own.points[g.id] ?? "" : ""} />
                </p>
              ))}
            </fieldset>
          </>
        ) : null}
        {s.kind === "readiness" ? (
          <>
            <p className="muted">{t("workshopUi.phone.scoreScale")}</p>
            {s.topics.map((x) => {
              const label = typeof x.label === "string" ? x.label : x.label[lang];
              return (
                <fieldset key={x.id}>
                  <legend><bdi>{label}</bdi></legend>
                  <Scale name={`r:${x.id}`} label={label} value={own && "ratings" in own ? own.ratings[x.id] : undefined} />
                </fieldset>
              );
            })}
          </>
        ) : null}
        {s.kind === "poll" ? (
          <div className="opts" role="radiogroup" aria-label={s.question}>
            {s.options.map((o, i) => (
              <label key={i}>
                <input type="radio" name="option" value={i} defaultChecked={own !== null && "option" in own && own.option === i} required />
                <bdi>{o}</bdi>
              </label>
            ))}
          </div>
        ) : null}
      </form>
      <div className="dock">
        <div>
          <button type="submit" form="ballot" className="go" data-testid="phone-submit">{submit}</button>
        </div>
      </div>
    </>
  );
}

/** A link that names no open session (mistyped, or the session has ended): said in the phone's own frame. */
export function ErrorBoundary({ params }: Route.ErrorBoundaryProps) {
  const { t } = useTranslation();
  return (
    <PhoneFrame returnTo={`/w/${params.token ?? ""}`}>
      <main id="main">
        <p className="note" data-testid="phone-not-found">{t("workshopUi.phone.notFound")}</p>
        <p>
          <a href="/w">{t("workshopUi.phone.joinTitle")}</a>
        </p>
      </main>
    </PhoneFrame>
  );
}
