import { useTranslation } from "#app/i18n.ts";

export type GateStatus = "open" | "awaiting" | "signed" | "reopened";

/** A phase's sign-off state at a glance; "changed since sign-off" wins over the rest. */
export function GateBadge({ status, changed, compact }: { status: GateStatus; changed: boolean; compact?: boolean }) {
  const { t } = useTranslation();
  if (status === "open" && !changed) return null;
  const key = changed ? "changed" : status;
  return (
    <span className={`gate-badge gate-${key}${compact ? " compact" : ""}`} data-gate={key}>
      <span aria-hidden="true">{key === "signed" ? "✔" : key === "awaiting" ? "⌛" : key === "changed" ? "△" : "↺"}</span>{" "}
      <span className={compact ? "gate-badge-text" : undefined}>{t(`gate.status.${key}`)}</span>
    </span>
  );
}
