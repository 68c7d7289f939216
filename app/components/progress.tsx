import { useTranslation } from "#app/i18n.ts";
import { localDigits, percent } from "#app/views/format.ts";
import type { Language } from "#methodology/schema.ts";

/** A labelled progress bar: "4 / 6 required answered". */
export function ProgressBar({ done, total, label }: { done: number; total: number; label?: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const pct = percent(done, total);
  const state = total > 0 && done === total ? "complete" : done === 0 ? "empty" : "partial";
  const text = label ?? t("progress.requiredAnswered", { done: localDigits(done, lang), total: localDigits(total, lang) });
  return (
    <div className={`progress progress-${state}`}>
      <div className="progress-track" role="progressbar" aria-valuemin={0} aria-valuemax={total} aria-valuenow={done} aria-label={text}>
        <div className="progress-fill" style={{ inlineSize: `${pct}%` }} />
      </div>
      <span className="progress-label">{text}</span>
    </div>
  );
}
