import { loc, useTranslation } from "#app/i18n.ts";
import { Link } from "#app/components/app-link.tsx";
import type { TeamCoverage } from "#app/domain/team.server.ts";
import { localDigits } from "#app/views/format.ts";
import type { Language } from "#methodology/schema.ts";

/** The six recommended roles: filled ones in green with their members, empty ones in amber with what they bring. */
export function TeamCoverageView({ coverage, compact, registerLink }: { coverage: TeamCoverage; compact?: boolean; registerLink?: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const filled = coverage.roles.length - coverage.unfilled;
  return (
    <section className={`team-coverage${compact ? " compact" : ""}`} aria-label={t("team.coverage")}>
      <p className={coverage.unfilled ? "status-warning" : "status-ok"}>
        {coverage.unfilled
          ? t("team.unfilledSummary", { count: coverage.unfilled, n: localDigits(coverage.unfilled, lang), total: localDigits(coverage.roles.length, lang) })
          : t("team.allFilled", { total: localDigits(coverage.roles.length, lang) })}
        {" "}
        <span className="muted">({t("team.filledCount", { n: localDigits(filled, lang), total: localDigits(coverage.roles.length, lang) })})</span>
      </p>
      <ul className="role-list">
        {coverage.roles.map(({ role, members }) => (
          <li key={role.id} className={`role ${members.length ? "role-filled" : "role-unfilled"}`} data-role={role.id}>
            <div className="role-head">
              <span className="role-state" aria-hidden="true">{members.length ? "✓" : "!"}</span>
              <strong>{loc(role.title, lang)}</strong>
              <span className="visually-hidden">{members.length ? t("team.filled") : t("team.unfilled")}</span>
            </div>
            {members.length ? (
              <p className="role-members">{members.map((m, i) => (<span key={m.rowId}>{i > 0 ? (lang === "fa" ? "، " : ", ") : null}<bdi>{m.name}</bdi>{m.unit ? <> (<bdi>{m.unit}</bdi>)</> : null}</span>))}</p>
            ) : (
              <p className="role-brings">
                <span className="label">{t("team.unfilled")}</span> — {loc(role.brings, lang)}
              </p>
            )}
            {!compact && members.length ? <p className="role-brings muted">{loc(role.brings, lang)}</p> : null}
          </li>
        ))}
      </ul>
      {registerLink ? (
        <p>
          <Link to={registerLink} className="button primary">{t("team.editMembers")}</Link>
        </p>
      ) : null}
    </section>
  );
}
