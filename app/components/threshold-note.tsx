import { useTranslation } from "#app/i18n.ts";
import { Link } from "#app/components/app-link.tsx";
import type { ThresholdLine } from "#app/views/thresholds.ts";

/**
 * The thresholds a page or a finding used, with whose number each is, and the
 * way to the method settings where the project sets its own (decision 035).
 */
export function ThresholdNote({ projectId, lines, compact }: { projectId: number; lines: ThresholdLine[]; compact?: boolean }) {
  const { t } = useTranslation();
  if (!lines.length) return null;
  return (
    <div className={`threshold-note small${compact ? " compact" : ""}`} data-testid="threshold-note">
      <span className="label">{t("methodSettings.usedHere", { count: lines.length })}</span>
      <ul>
        {lines.map((l) => (
          <li key={l.id} data-threshold={l.id} data-origin={l.gambegams ? "gambegam" : "source"} data-own={l.own || undefined}>
            {l.title}: <strong>{l.value}</strong> <span className="muted">({l.origin})</span>
          </li>
        ))}
      </ul>
      <Link to={`/projects/${projectId}/method-settings#${lines[0]!.id}`}>{t("methodSettings.change")}</Link>
    </div>
  );
}
