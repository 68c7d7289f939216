import { useEffect, useState } from "react";
import { loc, useTranslation } from "#app/i18n.ts";
import { useFetcher } from "react-router";
import type { StepActionResult } from "#app/domain/step.server.ts";
import { localDigits } from "#app/views/format.ts";
import type { ChecklistItem, DiagramItem, Language, QuestionItem, RatingItem } from "#methodology/schema.ts";
import { CHECKLIST_STATUSES, readRating, type ChecklistValue, type DiagramValue, type RatingValue } from "#methodology/values.ts";
import { DateInput } from "#app/components/date-input.tsx";
import { FieldError, describedBy } from "#app/components/field.tsx";
import { ConflictNotice, ItemShell, SaveStatusLine, type SourceInfo } from "./shared.tsx";
import { answerFacts, answerText, displayValue } from "#app/views/display.ts";
import { DiagramEditor } from "./diagram-editor.tsx";
import { PreviewFullScreen } from "#app/components/figure-full-screen.tsx";
import { useAutosave } from "./use-autosave.ts";
import { isTextField } from "#app/early-input.ts";

type Stored = { value: unknown; version: number; updatedAt: string } | null;

/**
 * A question, checklist task or diagram: one form, saved as it is typed, with
 * an explicit save button that also works without JavaScript.
 */
export function AnswerItem({
  item,
  stored,
  source,
  projectId,
  answered,
  fallback,
  changedBy,
}: {
  item: QuestionItem | ChecklistItem | DiagramItem | RatingItem;
  stored: Stored;
  source?: SourceInfo;
  projectId: number;
  answered: boolean;
  /** The action's answer after a submit without JavaScript. */
  fallback?: StepActionResult;
  /** Who saved the stored value last (shown when they saved while the reader was editing). */
  changedBy?: string | null;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const fetcher = useFetcher<StepActionResult>({ key: `answer-${item.id}` });
  // What the form shows: the stored answer, replaced when the user picks "theirs" in a conflict
  // or when someone else saves while this form has no unsaved edits.
  const [shown, setShown] = useState<{ value: unknown; version: number; key: number }>({ value: stored?.value ?? null, version: stored?.version ?? 0, key: 0 });
  // Someone else saved (the page's data was reloaded, e.g. by a live update) while the reader was
  // editing: their text stays, autosave waits, and the form says who changed it (decision 037).
  const [remote, setRemote] = useState<{ value: unknown; version: number } | null>(null);
  const auto = useAutosave({ fetcher, draftKey: `${projectId}:${item.id}`, version: shown.version, formKey: shown.key, autosave: remote === null });
  // A response the user has dealt with (e.g. took "their" version) no longer shows.
  const [dismissed, setDismissed] = useState<unknown>(null);
  const latest = fetcher.data ?? fallback;
  const result = latest === dismissed ? undefined : latest;
  const errors = !result?.ok ? (result?.errors ?? {}) : {};
  const conflict = !result?.ok ? result?.conflict : undefined;
  const submitted = fetcher.data ? undefined : fallback && !fallback.ok ? fallback.submitted : undefined;

  // A newer saved value replaces the form's, unless the reader is editing it (unsaved text, a save
  // under way, or the cursor in the form).
  useEffect(() => {
    if (!stored || stored.version <= auto.versionRef.current) {
      setRemote(null);
      return;
    }
    const form = auto.formRef.current;
    // The cursor in one of its text fields (a focused Save button is not editing).
    const active = typeof document !== "undefined" ? document.activeElement : null;
    const focused = Boolean(form && active && form.contains(active) && isTextField(active));
    if (auto.status === "saved" && fetcher.state === "idle" && !focused) {
      setShown((s) => ({ value: stored.value, version: stored.version, key: s.key + 1 }));
      setRemote(null);
    } else {
      setRemote({ value: stored.value, version: stored.version });
    }
  }, [stored?.version]); // eslint-disable-line react-hooks/exhaustive-deps

  const statusId = `item-${item.id}-status`;
  const field = (name: string) => `${item.id}-${name}`;
  const updatedAt = fetcher.data?.ok ? fetcher.data.updatedAt : stored?.updatedAt;

  const keepMine = () => {
    if (!conflict) return;
    setRemote(null);
    auto.rebase(conflict.theirsVersion);
    auto.submitNow();
  };
  const keepMineOverRemote = () => {
    if (!remote) return;
    auto.rebase(remote.version);
    setRemote(null);
    auto.submitNow();
  };
  const useRemote = () => {
    if (!remote) return;
    auto.discardDraft();
    auto.rebase(remote.version);
    setShown((s) => ({ value: remote.value, version: remote.version, key: s.key + 1 }));
    setRemote(null);
    auto.setStatus("saved");
  };
  const useTheirs = () => {
    if (!conflict) return;
    setRemote(null);
    auto.discardDraft();
    auto.rebase(conflict.theirsVersion);
    setShown((s) => ({ value: conflict.theirs, version: conflict.theirsVersion, key: s.key + 1 }));
    setDismissed(latest);
    auto.setStatus("saved");
  };

  return (
    <ItemShell
      item={item}
      source={source}
      answered={answered}
      status={<SaveStatusLine id={statusId} status={auto.status} updatedAt={updatedAt} restoredAt={auto.restoredAt} />}
    >
      {item.kind === "diagram" && (shown.value as DiagramValue | null)?.definition ? null : <PrintedAnswer item={item} value={shown.value} />}
      <fetcher.Form method="post" ref={auto.formRef} onInput={auto.onEdit} onChange={auto.onEdit} key={shown.key} className={`item-form${item.kind === "diagram" ? " print-diagram" : " screen-only"}`} noValidate>
        <input type="hidden" name="intent" value="answer" />
        <input type="hidden" name="itemId" value={item.id} />
        <input type="hidden" name="version" value={shown.version} />
        {item.kind === "question" ? (
          <QuestionControl item={item} value={submittedValue(submitted, "value") ?? shown.value} id={field("value")} error={errors.value} statusId={statusId} />
        ) : item.kind === "rating" ? (
          <RatingControl item={item} value={submitted ? submittedRating(submitted) : readRating(shown.value)} errors={errors} idPrefix={item.id} statusId={statusId} />
        ) : item.kind === "checklist" ? (
          <ChecklistControl item={item} value={(submitted ? submittedChecklist(submitted) : shown.value) as ChecklistValue | null} errors={errors} idPrefix={item.id} />
        ) : (
          <PreviewFullScreen title={loc(item.title, lang)}>
            <DiagramEditor item={item} value={(submitted ? { definition: String(submitted.definition ?? "") } : shown.value) as DiagramValue | null} id={field("definition")} error={errors.definition} onEdit={auto.onEdit} />
          </PreviewFullScreen>
        )}
        <div className="item-actions">
          <button type="submit" className="button small" onClick={(e) => { e.preventDefault(); auto.submitNow(); }} formNoValidate>
            {t("common.save")}
          </button>
        </div>
      </fetcher.Form>
      {remote && !conflict ? (
        <ConflictNotice
          live
          title={changedBy ? t("live.changedWhileEditing", { name: `\u2068${changedBy}\u2069` }) : t("live.changedWhileEditingAnon")}
          theirs={displayValue(item, remote.value, lang, t)}
          onKeepMine={keepMineOverRemote}
          onUseTheirs={useRemote}
        />
      ) : null}
      {conflict ? (
        <ConflictNotice
          title={t("conflict.title")}
          theirs={displayValue(item, conflict.theirs, lang, t)}
          yours={displayValue(item, conflict.yours, lang, t)}
          onKeepMine={keepMine}
          onUseTheirs={useTheirs}
        />
      ) : null}
    </ItemShell>
  );
}

/**
 * The answer as text, for print only (decision 048): the form's controls are left out of a
 * printed page, so the answer reads as a document's text; nothing answered says so once.
 */
function PrintedAnswer({ item, value }: { item: QuestionItem | ChecklistItem | DiagramItem | RatingItem; value: unknown }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const none = <p className="print-only print-unanswered">{t("print.notAnswered")}</p>;
  if (value === null || value === undefined || value === "") return none;
  if (item.kind === "question") {
    const text = answerText(item, value, lang);
    return text ? <p className="print-only print-answer" dir="auto">{text}</p> : none;
  }
  if (item.kind === "rating" || item.kind === "checklist") {
    const facts = answerFacts(item, value, lang, t);
    if (!facts.length) return none;
    return (
      <dl className="print-only print-facts">
        {facts.map(([label, text]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd dir="auto">{text}</dd>
          </div>
        ))}
      </dl>
    );
  }
  return none;
}

function submittedValue(submitted: Record<string, string | string[]> | undefined, name: string): unknown {
  return submitted ? (submitted[name] ?? null) : undefined;
}

function submittedChecklist(s: Record<string, string | string[]>): ChecklistValue {
  const one = (k: string) => (Array.isArray(s[k]) ? (s[k] as string[])[0] : (s[k] as string | undefined)) ?? "";
  return { owner: one("owner"), dueDate: one("dueDate") || null, status: (one("status") || "todo") as ChecklistValue["status"], evidence: one("evidence") };
}

function submittedRating(s: Record<string, string | string[]>): RatingValue {
  const one = (k: string) => (Array.isArray(s[k]) ? (s[k] as string[])[0] : (s[k] as string | undefined)) ?? "";
  const n = Number(one("score"));
  return { score: one("score") !== "" && Number.isFinite(n) ? n : null, evidence: one("evidence") };
}

/** A score (radio points, keyboard-operable) and the evidence behind it. */
function RatingControl({ item, value, errors, idPrefix, statusId }: { item: RatingItem; value: RatingValue; errors: Record<string, string>; idPrefix: string; statusId: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const id = (n: string) => `${idPrefix}-${n}`;
  const points = Array.from({ length: item.max - item.min + 1 }, (_, i) => item.min + i);
  const describe = [describedBy(id("score"), { error: !!errors.score }), statusId].filter(Boolean).join(" ");
  return (
    <div className="rating-grid">
      <div className={`field${errors.score ? " has-error" : ""}`}>
        <fieldset className="scale" aria-labelledby={`item-${item.id}-title`} aria-describedby={describe}>
          <legend className="field-label">{t("rating.score")}</legend>
          {item.minLabel ? <span className="scale-end">{loc(item.minLabel, lang)}</span> : null}
          <span className="scale-points">
            {points.map((p) => (
              <label key={p} className="scale-point">
                <input type="radio" name="score" value={p} defaultChecked={value.score === p} />
                <span>{localDigits(p, lang)}</span>
              </label>
            ))}
          </span>
          {item.maxLabel ? <span className="scale-end">{loc(item.maxLabel, lang)}</span> : null}
          <label className="choice choice-clear">
            <input type="radio" name="score" value="" defaultChecked={value.score === null} />
            <span className="muted">{t("rating.notScored")}</span>
          </label>
        </fieldset>
        <FieldError id={`${id("score")}-error`} message={errors.score} />
      </div>
      <div className={`field field-wide${errors.evidence ? " has-error" : ""}`}>
        <label htmlFor={id("evidence")} className="field-label">{t("rating.evidence")}</label>
        <textarea id={id("evidence")} name="evidence" dir="auto" className="input" rows={2} defaultValue={value.evidence} maxLength={5000} placeholder={t("rating.evidenceHint")} aria-invalid={!!errors.evidence || undefined} aria-describedby={errors.evidence ? `${id("evidence")}-error` : undefined} />
        <FieldError id={`${id("evidence")}-error`} message={errors.evidence} />
      </div>
    </div>
  );
}

function QuestionControl({ item, value, id, error, statusId }: { item: QuestionItem; value: unknown; id: string; error?: string; statusId: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const a = item.answer;
  const describe = [describedBy(id, { error: !!error }), statusId].filter(Boolean).join(" ");
  const labelledBy = `item-${item.id}-title`;
  const text = value === null || value === undefined ? "" : String(value);
  let control: React.ReactNode;
  switch (a.type) {
    case "short-text":
      control = <input id={id} name="value" dir="auto" className="input" defaultValue={text} maxLength={a.maxLength} aria-labelledby={labelledBy} aria-describedby={describe} aria-invalid={!!error || undefined} />;
      break;
    case "long-text":
      control = <textarea id={id} name="value" dir="auto" className="input" rows={4} defaultValue={text} maxLength={a.maxLength} aria-labelledby={labelledBy} aria-describedby={describe} aria-invalid={!!error || undefined} />;
      break;
    case "number":
      control = (
        <span className="with-unit">
          <input id={id} name="value" className="input number-input" inputMode="decimal" dir="ltr" defaultValue={text === "" ? "" : localDigits(text, lang)} maxLength={40} aria-labelledby={labelledBy} aria-describedby={describe} aria-invalid={!!error || undefined} />
          {a.unit ? <span className="unit">{loc(a.unit, lang)}</span> : null}
        </span>
      );
      break;
    case "date":
      control = <DateInput id={id} name="value" labelledBy={labelledBy} defaultValue={typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : null} invalidValue={error ? text : undefined} describedBy={describe} invalid={!!error} />;
      break;
    case "choice": {
      const selected = new Set(Array.isArray(value) ? value.map(String) : text ? [text] : []);
      control = (
        <fieldset className="choice-list" aria-labelledby={labelledBy} aria-describedby={describe}>
          {a.options.map((o) => (
            <label key={o.id} className="choice">
              <input type={a.multiple ? "checkbox" : "radio"} name="value" value={o.id} defaultChecked={selected.has(o.id)} />
              <span>{loc(o.label, lang)}</span>
            </label>
          ))}
          {!a.multiple ? (
            <label className="choice choice-clear">
              <input type="radio" name="value" value="" defaultChecked={selected.size === 0} />
              <span className="muted">{t("item.noAnswer")}</span>
            </label>
          ) : null}
        </fieldset>
      );
      break;
    }
    case "scale": {
      const points = Array.from({ length: a.max - a.min + 1 }, (_, i) => a.min + i);
      control = (
        <fieldset className="scale" aria-labelledby={labelledBy} aria-describedby={describe}>
          {a.minLabel ? <span className="scale-end">{loc(a.minLabel, lang)}</span> : null}
          <span className="scale-points">
            {points.map((p) => (
              <label key={p} className="scale-point">
                <input type="radio" name="value" value={p} defaultChecked={text === String(p)} />
                <span>{localDigits(p, lang)}</span>
              </label>
            ))}
          </span>
          {a.maxLabel ? <span className="scale-end">{loc(a.maxLabel, lang)}</span> : null}
          <label className="choice choice-clear">
            <input type="radio" name="value" value="" defaultChecked={text === ""} />
            <span className="muted">{t("item.noAnswer")}</span>
          </label>
        </fieldset>
      );
      break;
    }
  }
  return (
    <div className={`field${error ? " has-error" : ""}`}>
      {control}
      <FieldError id={`${id}-error`} message={error} />
    </div>
  );
}

function ChecklistControl({ item, value, errors, idPrefix }: { item: ChecklistItem; value: ChecklistValue | null; errors: Record<string, string>; idPrefix: string }) {
  const { t } = useTranslation();
  const v = value ?? { owner: "", dueDate: null, status: "todo", evidence: "" };
  const id = (n: string) => `${idPrefix}-${n}`;
  return (
    <div className="checklist-grid">
      <div className={`field${errors.status ? " has-error" : ""}`}>
        <label htmlFor={id("status")} className="field-label">{t("checklist.status")}</label>
        <select id={id("status")} name="status" className={`input status-select status-${v.status}`} defaultValue={v.status}>
          {CHECKLIST_STATUSES.map((s) => (
            <option key={s} value={s}>{t(`checklist.statuses.${s}`)}</option>
          ))}
        </select>
        <FieldError id={`${id("status")}-error`} message={errors.status} />
      </div>
      <div className={`field${errors.owner ? " has-error" : ""}`}>
        <label htmlFor={id("owner")} className="field-label">{t("checklist.owner")}</label>
        <input id={id("owner")} name="owner" dir="auto" className="input" defaultValue={v.owner} maxLength={200} aria-invalid={!!errors.owner || undefined} />
        <FieldError id={`${id("owner")}-error`} message={errors.owner} />
      </div>
      <div className={`field${errors.dueDate ? " has-error" : ""}`}>
        <label htmlFor={id("dueDate")} className="field-label">{t("checklist.dueDate")}</label>
        <DateInput id={id("dueDate")} name="dueDate" defaultValue={v.dueDate && /^\d{4}-/.test(v.dueDate) ? v.dueDate : null} invalidValue={errors.dueDate ? (v.dueDate ?? "") : undefined} invalid={!!errors.dueDate} describedBy={errors.dueDate ? `${id("dueDate")}-error` : undefined} />
        <FieldError id={`${id("dueDate")}-error`} message={errors.dueDate} />
      </div>
      <div className={`field field-wide${errors.evidence ? " has-error" : ""}`}>
        <label htmlFor={id("evidence")} className="field-label">{t("checklist.evidence")}</label>
        <textarea id={id("evidence")} name="evidence" dir="auto" className="input" rows={2} defaultValue={v.evidence} maxLength={5000} placeholder={t("checklist.evidenceHint")} aria-invalid={!!errors.evidence || undefined} />
        <FieldError id={`${id("evidence")}-error`} message={errors.evidence} />
      </div>
    </div>
  );
}
