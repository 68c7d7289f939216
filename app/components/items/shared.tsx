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
