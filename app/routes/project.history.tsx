import { i18nFor, loc, useTranslation } from "#app/i18n.ts";
import { actorLabel } from "#app/actors.ts";
import { localDigits } from "#app/views/format.ts";
import { Form, useSearchParams } from "react-router";
import { Link } from "#app/components/app-link.tsx";
import { z } from "zod";
import { pageTitle } from "#app/meta.ts";
import type { Route } from "./+types/project.history";
import { requireProjectContext } from "#app/domain/project-context.server.ts";
import { can } from "#app/access.ts";
import { historyActors, projectHistory } from "#app/domain/audit.server.ts";
import { AUDIT_CATEGORIES, type AuditCategory } from "#app/audit-categories.ts";
import { refOptionsFor } from "#app/domain/step.server.ts";
import { findItem } from "#methodology/load.ts";
import { positiveId } from "#app/http.server.ts";
import { LocalTime } from "#app/components/local-time.tsx";
import { historyLines } from "#app/views/history-view.server.ts";
import { getPreferences } from "#app/domain/preferences.server.ts";
import type { Item, Language } from "#methodology/schema.ts";

const filters = z.object({
  category: z.enum(Object.keys(AUDIT_CATEGORIES) as [AuditCategory, ...AuditCategory[]]).optional().catch(undefined),
  user: positiveId.optional().catch(undefined),
  phase: z.string().max(100).optional().catch(undefined),
  before: positiveId.optional().catch(undefined),
  /** An entry to show whole, without shortening its values. */
  full: positiveId.optional().catch(undefined),
});

function withParam(search: URLSearchParams, key: string, value: string): string {
  const next = new URLSearchParams(search);
  next.set(key, value);
  return next.toString();
}

export async function loader({ params, context, request }: Route.LoaderArgs) {
  const { db, project, pack, data: projectData, role, user } = requireProjectContext(params.projectId, context);
  // Members' emails as People shows them: to whoever manages members, and to each their own.
  const manage = can(role, "manage-members");
  const { lang } = await getPreferences(request);
  const url = new URL(request.url);
  const f = filters.parse(Object.fromEntries(url.searchParams));
  const phase = f.phase ? pack.phases.find((p) => p.id === f.phase) : undefined;
  const { entries, more } = projectHistory(db, project.id, {
    category: f.category,
    userId: f.user,
    phase: phase ? { id: phase.id, itemIds: phase.steps.flatMap((s) => s.items.map((i) => i.id)) } : undefined,
    before: f.before,
  });
  const items: Record<string, Item> = {};
  for (const e of entries) if (e.itemId && !items[e.itemId]) {
    const it = findItem(pack, e.itemId);
    if (it) items[e.itemId] = it;
  }
  // Written out here, in the reader's language (switching language reloads): the raw values stay on the server.
  const lines = historyLines(entries, {
    lang,
    t: i18nFor(lang).t,
    items,
    refOptions: refOptionsFor(pack, Object.values(items), projectData),
    thresholds: Object.fromEntries(pack.thresholds.map((t) => [t.id, t.title])),
    phaseTitle: (id) => pack.phases.find((p) => p.id === id)?.title,
    full: f.full,
    emailShown: (email) => manage || email === user.email,
  });
  return {
    projectId: project.id,
    entries: lines,
    more,
    actors: historyActors(db, project.id),
    phases: pack.phases.map((p) => ({ id: p.id, title: p.title })),
    filter: { category: f.category ?? "", user: f.user ? String(f.user) : "", phase: phase?.id ?? "" },
  };
}

export function meta({ matches }: Route.MetaArgs) {
  return pageTitle(matches, (t) => [t("nav.history")]);
}

export default function History({ loaderData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const [search] = useSearchParams();
  const { entries, more, actors, phases, filter } = loaderData;
  const older = new URLSearchParams(search);
  older.delete("full");
  if (entries.length) older.set("before", String(entries[entries.length - 1]!.id));

  return (
    <div className="stack">
      <header className="section-head">
        <h2 className="page-title">{t("history.title")}</h2>
        <p className="lead">{t("history.lead")}</p>
      </header>
      <Form method="get" className="card filter-bar" role="search">
        <label>
          <span className="field-label">{t("history.category")}</span>
          <select name="category" className="input" defaultValue={filter.category}>
            <option value="">{t("history.all")}</option>
            {Object.keys(AUDIT_CATEGORIES).map((c) => (
              <option key={c} value={c}>{t(`history.categories.${c}`)}</option>
            ))}
          </select>
        </label>
        <label>
          <span className="field-label">{t("history.person")}</span>
          <select name="user" className="input" defaultValue={filter.user}>
            <option value="">{t("history.everyone")}</option>
            {actors.map((a) => (
              <option key={a.userId} value={a.userId}>{actorLabel(a.name, lang)}</option>
            ))}
          </select>
        </label>
        <label>
          <span className="field-label">{t("history.phase")}</span>
          <select name="phase" className="input" defaultValue={filter.phase}>
            <option value="">{t("history.allPhases")}</option>
            {phases.map((p) => (
              <option key={p.id} value={p.id}>{loc(p.title, lang)}</option>
            ))}
          </select>
        </label>
        <button type="submit" className="button">{t("history.apply")}</button>
      </Form>
      {entries.length === 0 ? (
        <p className="card muted">{t("history.empty")}</p>
      ) : (
        <ol className="history-list" data-testid="history">
          {entries.map((e) => (
            <li key={e.id} id={`entry-${e.id}`} className="card history-entry" data-action={e.action}>
              <p className="history-head">
                <LocalTime iso={e.at} lang={lang} /> · <strong><bdi>{actorLabel(e.actorName, lang)}</bdi></strong> {e.predicate.lead}
                {e.predicate.what ? <bdi>{e.predicate.what}</bdi> : null}
                {e.predicate.tail}
                {e.fromSheet ? <> · <span className="from-sheet" data-testid="from-sheet">{t("history.fromSheet", { file: `\u2068${e.fromSheet}\u2069` })}</span></> : null}
                {e.importedFrom !== null ? <> · <span className="imported-mark" data-testid="imported-mark">{t("history.imported", { source: `\u2068${e.importedFrom}\u2069` })}</span></> : null}
              </p>
              {e.before || e.after ? (
                <div className="diff-pair">
                  {e.before ? <del dir="auto">{e.before.text}</del> : null}
                  {e.after ? <ins dir="auto">{e.after.text}</ins> : null}
                </div>
              ) : null}
              {e.before?.whole || e.after?.whole ? (
                <p className="small">
                  {t("history.shortened", { n: localDigits(Math.max(e.before?.whole ?? 0, e.after?.whole ?? 0), lang) })}{" "}
                  <Link to={`?${withParam(search, "full", String(e.id))}#entry-${e.id}`} preventScrollReset>{t("history.showWhole")}</Link>
                </p>
              ) : null}
              <p className="muted small" dir="ltr" title={t("history.utc")}>{localDigits(e.at.replace("T", " ").replace(/\.\d+Z$/, " UTC"), lang)}</p>
            </li>
          ))}
        </ol>
      )}
      {more ? (
        <p>
          <Link className="button" to={`?${older.toString()}`}>{t("history.older")}</Link>
        </p>
      ) : null}
    </div>
  );
}
