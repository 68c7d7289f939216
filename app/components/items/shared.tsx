import { loc, useTranslation } from "#app/i18n.ts";
import { formatTime } from "#app/views/format.ts";
import { LocalTime } from "#app/components/local-time.tsx";
import type { Item, Language } from "#methodology/schema.ts";
import { GOOD_PRACTICE_SOURCE } from "#methodology/good-practice.ts";
import type { SaveStatus } from "./use-autosave.ts";

export type SourceInfo = { file: string; title: { fa: string; en: string } };

/** The frame around every item: title, why it is asked, where it comes from. */
export function ItemShell({
  item,
  source,
  answered,
  children,
  status,
}: {
  item: Item;
  source?: SourceInfo;
  answered?: boolean;
  children: React.ReactNode;
  status?: React.ReactNode;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const required = "required" in item && item.required;
  const headingId = `item-${item.id}-title`;
  return (
    <section id={`item-${item.id}`} className={`card item item-${item.kind}${required && !answered ? " item-missing" : ""}`} aria-labelledby={headingId} data-item-id={item.id}>
      <div className="item-head">
        <h3 id={headingId} className="item-title">
          {loc(item.title, lang)}
        </h3>
        <div className="item-badges">
          {required ? (
            <span className={`badge ${answered ? "badge-ok" : "badge-missing"}`}>{answered ? t("item.answered") : t("item.required")}</span>
          ) : null}
        </div>
      </div>
      {item.guidance ? (
        <details className="guidance">
          <summary>{t("item.why")}</summary>
          <p>{loc(item.guidance, lang)}</p>
          {source ? <p className="source-note">{t("common.source")}: {loc(source.title, lang)} {source.file === GOOD_PRACTICE_SOURCE ? null : <span className="source-file">({source.file})</span>}</p> : null}
        </details>
      ) : source ? (
        <p className="source-note">{t("common.source")}: {loc(source.title, lang)}</p>
      ) : null}
      {children}
      {status}
    </section>
  );
}

export function SaveStatusLine({ status, updatedAt, restoredAt, id, inline }: { status: SaveStatus; updatedAt?: string | null; restoredAt?: string | null; id: string; inline?: boolean }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  let text: React.ReactNode;
  switch (status) {
    case "saved":
      text = updatedAt ? (
        <>
          {t("save.saved")} · <LocalTime iso={updatedAt} lang={lang} />
        </>
      ) : (
        t("save.notYetAnswered")
      );
      break;
    case "dirty":
      text = t("save.unsaved");
      break;
    case "saving":
      text = t("save.saving");
      break;
    case "invalid":
      text = t("save.invalid");
      break;
    case "conflict":
      text = t("save.conflict");
      break;
    case "offline":
      text = t("save.offline");
      break;
    case "restored":
      text = t("save.restored", { time: restoredAt ? formatTime(restoredAt, lang) : "" });
      break;
  }
  const Tag = inline ? "span" : "p";
  return (
    <Tag className={`save-status save-${status}`} id={id} role="status" aria-live="polite" data-testid="save-status">
      {text}
    </Tag>
  );
}

/**
 * Their value (and the reader's, after a refused save) with Keep mine / Use
 * theirs: a conflict on saving (`alert`), or — `live` — someone else's save
 * arriving while the reader edits the field (decision 037). An answer's and a
 * register row's alike; `theirs` is null for a row someone deleted (nothing to
 * keep or take: the notice says so instead of the buttons).
 */
export function ConflictNotice({ live, title, theirs, yours, onKeepMine, onUseTheirs }: { live?: boolean; title: string; theirs: string | null; yours?: string; onKeepMine: () => void; onUseTheirs: () => void }) {
  const { t } = useTranslation();
  return (
    <div className={live ? "conflict remote-change" : "conflict"} role={live ? "status" : "alert"} data-testid={live ? "remote-change" : undefined}>
      <p className="conflict-title">{title}</p>
      <div className="conflict-columns">
        {theirs !== null ? (
          <div>
            <p className="label">{t("conflict.theirs")}</p>
            <pre className="conflict-value" dir="auto">{theirs}</pre>
          </div>
        ) : null}
        {yours !== undefined ? (
          <div>
            <p className="label">{t("conflict.yours")}</p>
            <pre className="conflict-value" dir="auto">{yours}</pre>
          </div>
        ) : null}
      </div>
      {theirs !== null ? (
        <div className="form-actions">
          <button type="button" className="button small primary" onClick={onKeepMine}>{t("conflict.keepMine")}</button>
          <button type="button" className="button small" onClick={onUseTheirs}>{t("conflict.useTheirs")}</button>
        </div>
      ) : (
        <p className="muted">{t("conflict.deletedHelp")}</p>
      )}
    </div>
  );
}
