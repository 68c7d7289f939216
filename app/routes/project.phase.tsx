import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { Route } from "./+types/project.phase";
import { requirePhase, requireProjectContext } from "#app/domain/project-context.server.ts";
import { phaseProgress } from "#methodology/progress.ts";
import { localDigits } from "#app/format.ts";
import { loc } from "#app/i18n.ts";
import { ProgressBar } from "#app/components/progress.tsx";
import type { Language } from "#methodology/schema.ts";

export function loader({ params }: Route.LoaderArgs) {
  const { project, pack, data } = requireProjectContext(params.projectId);
  const phase = requirePhase(pack, params.phaseId);
  const progress = phaseProgress(phase, data.state);
  const source = phase.source ? pack.sources.find((s) => s.file === phase.source) : undefined;
  return {
    projectId: project.id,
    phase: { id: phase.id, title: phase.title, summary: phase.summary, source: source ? { file: source.file, title: source.title } : null },
    required: progress.required,
    requiredAnswered: progress.requiredAnswered,
    steps: progress.steps.map((s) => ({
      id: s.step.id,
      title: s.step.title,
      intro: s.step.intro ?? null,
      required: s.required,
      requiredAnswered: s.requiredAnswered,
      answerable: s.answerable,
      answered: s.answered,
      items: s.step.items.length,
    })),
  };
}

export default function PhasePage({ loaderData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const { projectId, phase, steps } = loaderData;
  const base = `/projects/${projectId}/phases/${phase.id}`;
  return (
    <div className="stack">
      <header className="section-head">
        <p className="eyebrow">{t("phase.eyebrow")}</p>
        <h2 className="page-title">{loc(phase.title, lang)}</h2>
        <p className="lead">{loc(phase.summary, lang)}</p>
        {phase.source ? <p className="source-note">{t("common.source")}: {loc(phase.source.title, lang)}</p> : null}
        <ProgressBar done={loaderData.requiredAnswered} total={loaderData.required} />
      </header>
      <ol className="step-cards">
        {steps.map((s, i) => (
          <li key={s.id} className="card step-card">
            <h3>
              <Link to={`${base}/steps/${s.id}`}>
                <span className="step-index">{localDigits(i + 1, lang)}.</span> {loc(s.title, lang)}
              </Link>
            </h3>
            {s.intro ? <p className="muted">{loc(s.intro, lang)}</p> : null}
            {s.required > 0 ? <ProgressBar done={s.requiredAnswered} total={s.required} /> : <p className="muted small">{t("phase.noRequired")}</p>}
            <p className="muted small">{t("home.answeredAll", { done: localDigits(s.answered, lang), total: localDigits(s.answerable, lang) })}</p>
          </li>
        ))}
      </ol>
      {steps[0] ? (
        <p>
          <Link className="button primary" to={`${base}/steps/${steps[0].id}`}>{t("phase.start")}</Link>
        </p>
      ) : null}
    </div>
  );
}
