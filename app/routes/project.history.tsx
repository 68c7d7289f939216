import { loc, useTranslation } from "#app/i18n.ts";
import { localDigits } from "#app/format.ts";
import { Form, useSearchParams } from "react-router";
import { Link } from "#app/components/app-link.tsx";
import { z } from "zod";
import type { Route } from "./+types/project.history";
import { requireProjectContext } from "#app/domain/project-context.server.ts";
import { historyActors, projectHistory } from "#app/domain/audit.server.ts";
import { AUDIT_CATEGORIES, type AuditCategory } from "#app/audit-categories.ts";
import { refOptionsFor } from "#app/domain/step.server.ts";
import { findItem } from "#methodology/load.ts";
import { positiveId } from "#app/http.server.ts";
import { LocalTime } from "#app/components/local-time.tsx";
import { displayCell, displayValue } from "#app/components/items/display.tsx";
import type { Item, Language, RegisterItem } from "#methodology/schema.ts";

const filters = z.object({
  category: z.enum(Object.keys(AUDIT_CATEGORIES) as [AuditCategory, ...AuditCategory[]]).optional().catch(undefined),
  user: positiveId.optional().catch(undefined),
  phase: z.string().max(100).optional().catch(undefined),
  before: positiveId.optional().catch(undefined),
});

export function loader({ params, context, request }: Route.LoaderArgs) {
  const { db, project, pack, data: projectData } = requireProjectContext(params.projectId, context);
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
  return {
    projectId: project.id,
    entries: entries.map((e) => ({ ...e, phaseTitle: e.phaseId ? (pack.phases.find((p) => p.id === e.phaseId)?.title ?? null) : null })),
    more,
    items,
    refOptions: refOptionsFor(pack, Object.values(items), projectData),
    actors: historyActors(db, project.id),
    phases: pack.phases.map((p) => ({ id: p.id, title: p.title })),
    filter: { category: f.category ?? "", user: f.user ? String(f.user) : "", phase: phase?.id ?? "" },
  };
}

type Entry = Route.ComponentProps["loaderData"]["entries"][number];

export default function History({ loaderData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const [search] = useSearchParams();
  const { entries, more, items, refOptions, actors, phases, filter } = loaderData;
  const older = new URLSearchParams(search);
  if (entries.length) older.set("before", String(entries[entries.length - 1]!.id));

  const show = (e: Entry, v: unknown): string => {
    if (v === null || v === undefined) return "";
    const item = e.itemId ? (items[e.itemId] as Item | undefined) : undefined;
    if (item && e.action === "answer.save") return displayValue(item, v, lang, t);
    if (item && item.kind === "register" && e.action !== "row.move") {
      return (item as RegisterItem).columns
        .map((c) => displayCell(c, (v as Record<string, unknown>)[c.id], lang, refOptions))
        .filter(Boolean)
        .join(" · ");
    }
    const o = v as Record<string, unknown>;
    if (e.action === "row.move") return t("history.place", { n: String(o.place) });
    const parts: string[] = [];
    if (typeof o.role === "string") parts.push(t(`roles.${o.role}`));
    if (typeof o.user === "string") parts.push(o.user);
    if (typeof o.status === "string") parts.push(t(`gate.status.${o.status}`));
    if (typeof o.comment === "string") parts.push(`“${o.comment}”`);
    if (typeof o.note === "string" && o.note) parts.push(o.note);
    if (typeof o.name === "string") parts.push(o.name);
    if (typeof o.version === "number") parts.push(t("history.version", { n: localDigits(o.version, lang) }));
    if (typeof o.firmName === "string") parts.push(o.firmName);
    if (typeof o.primaryColor === "string") parts.push(`#${o.primaryColor}`);
    if (typeof o.fingerprint === "string") parts.push(`SHA-256 ${o.fingerprint.slice(0, 12)}…`);
    if (Array.isArray(o.unlinked) && o.unlinked.length) parts.push(t("history.unlinked", { names: o.unlinked.join(lang === "fa" ? "، " : ", ") }));
    return parts.join(" · ");
  };

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
              <option key={a.userId} value={a.userId}>{a.name}</option>
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
          {entries.map((e) => {
            const item = e.itemId ? (items[e.itemId] as Item | undefined) : undefined;
            const what = item
              ? loc("title" in item ? item.title : undefined, lang)
              : e.phaseTitle
                ? loc(e.phaseTitle, lang)
                : e.action === "document.version"
                  ? t(`documents.items.${e.subject}.title`, { defaultValue: e.subject ?? "" })
                  : e.action.startsWith("branding.")
                    ? ""
                    : (e.subject ?? "");
            const before = show(e, e.before);
            const after = show(e, e.after);
            return (
              <li key={e.id} className="card history-entry" data-action={e.action}>
                <p className="history-head">
                  <LocalTime iso={e.at} lang={lang} /> · <strong><bdi>{e.actorName}</bdi></strong> · {t(`history.actions.${e.action.replace(".", "-")}`)}
                  {what ? <> · <bdi>{what}</bdi></> : null}
                </p>
                {before || after ? (
                  <div className="diff-pair">
                    {before ? <del dir="auto">{before}</del> : null}
                    {after ? <ins dir="auto">{after}</ins> : null}
                  </div>
                ) : null}
                <p className="muted small" dir="ltr" title={t("history.utc")}>{e.at.replace("T", " ").replace(/\.\d+Z$/, " UTC")}</p>
              </li>
            );
          })}
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
