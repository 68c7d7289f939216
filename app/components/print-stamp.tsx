import { useEffect, useState } from "react";
import { useLocation, useParams } from "react-router";
import { loc, useTranslation } from "#app/i18n.ts";
import { formatDate } from "#app/views/format.ts";
import type { Language } from "#methodology/schema.ts";

type StampPhase = {
  id: string;
  title: Parameters<typeof loc>[0];
  gate: StampGate;
};
type StampGate = { status: "open" | "awaiting" | "signed" | "reopened"; changed: boolean; signed: { at: string; by: string } | null };

/**
 * A phase's state on the print line: signed off by whom and when, or not (yet, or no longer).
 * "Changed since sign-off" wins over the rest, as on the gate badge: a handout never claims a
 * sign-off the screen does not.
 */
export function stampState(gate: StampGate, t: (key: string, options?: Record<string, string>) => string, lang: Language): string {
  if (gate.changed) return t("print.stamp.changed");
  return gate.status === "signed" && gate.signed
    ? t("print.stamp.signed", { name: gate.signed.by, date: formatDate(gate.signed.at.slice(0, 10), lang) })
    : t(`print.stamp.${gate.status}`);
}

/**
 * The line on top of a printed page (print only): the day it was printed (Jalali in Persian)
 * and the state of the phases the page shows — draft, awaiting sign-off, or signed off by whom
 * and when — so that a handout says how final it is (issue 20 review, L3).
 */
export function PrintStamp({ phases, pagePhases }: { phases: StampPhase[]; pagePhases: Record<string, string[]> }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const params = useParams();
  const { pathname } = useLocation();
  const segment = pathname.replace(/\/+$/, "").split("/")[3] ?? "";
  const ids = params.phaseId ? [params.phaseId] : (pagePhases[segment] ?? []);
  const shown = ids.map((id) => phases.find((p) => p.id === id)).filter((p): p is StampPhase => Boolean(p));
  // The reader's own day, set in the browser (and again when printing): the server's HTML must not
  // depend on the day, or the page memo would keep a page with yesterday's date (decision 014).
  const [today, setToday] = useState<string | null>(null);
  useEffect(() => {
    const set = () => {
      const now = new Date();
      setToday(`${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, "0")}-${String(now.getDate()).padStart(2, "0")}`);
    };
    set();
    window.addEventListener("beforeprint", set);
    return () => window.removeEventListener("beforeprint", set);
  }, []);
  return (
    <p className="print-only print-stamp" data-testid="print-stamp">
      {today ? <span>{t("print.stamp.printed", { date: formatDate(today, lang) })}</span> : null}
      {shown.map((p, i) => (
        <span key={p.id}>
          {today || i > 0 ? " · " : null}
          {loc(p.title, lang)}: {stampState(p.gate, t, lang)}
        </span>
      ))}
    </p>
  );
}
