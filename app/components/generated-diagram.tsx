import { useEffect, useId, useState } from "react";
import { useTranslation } from "#app/i18n.ts";
import { loadMermaid } from "#app/components/mermaid.ts";
import type { GeneratedDiagram } from "#app/views/diagrams.ts";
import { labelAxisTicks } from "#app/views/jalali-axis.ts";
import { FullScreenFigure } from "#app/components/figure-full-screen.tsx";

/**
 * A diagram Gambegam draws from the project's answers (the same definition
 * the Word documents use), with the same content as a table beside it for
 * screen readers and for anyone who prefers rows to pictures, and a button
 * that shows it full screen for a room.
 */
export function GeneratedDiagramView({ diagram, title, empty }: { diagram: GeneratedDiagram; title: string; empty: string }) {
  const { t } = useTranslation();
  const [svg, setSvg] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);
  const renderId = `gen-${useId().replace(/[^a-zA-Z0-9]/g, "")}`;
  useEffect(() => {
    if (!diagram.definition) return;
    let cancelled = false;
    loadMermaid()
      .then((m) => m.render(`${renderId}-${Date.now()}`, diagram.definition!))
      .then((out) => !cancelled && setSvg(labelAxisTicks(diagram.definition!, out.svg)))
      .catch(() => !cancelled && setFailed(true));
    return () => {
      cancelled = true;
    };
  }, [diagram.definition, renderId]);
  // A picture drawn on the server (the roadmap timeline) shows as it is, before any script loads.
  const drawn = diagram.svg ?? svg;
  const hasPicture = Boolean(diagram.definition || diagram.svg);
  if (!hasPicture && diagram.table.rows.length === 0) return <p className="muted">{empty}</p>;
  return (
    <div className="generated-diagram">
      {hasPicture ? (
        <figure className="diagram-preview" aria-hidden={drawn ? undefined : true}>
          <figcaption className="figure-caption">
            <span className="label">{title}</span>
            {drawn ? <FullScreenFigure title={title} svg={drawn} table={diagram.table} /> : null}
          </figcaption>
          {drawn ? <div className={diagram.svg ? "diagram-svg drawn" : "diagram-svg"} role="img" aria-label={title} dangerouslySetInnerHTML={{ __html: drawn }} /> : <p className="muted">{failed ? t("diagram.error") : t("diagram.rendering")}</p>}
        </figure>
      ) : null}
      <details className="diagram-table" open={!hasPicture}>
        <summary>{t("diagram.asTable")}</summary>
        <div className="table-wrap"><table className="data-table">
          <thead>
            <tr>{diagram.table.columns.map((c) => <th key={c} scope="col">{c}</th>)}</tr>
          </thead>
          <tbody>
            {diagram.table.rows.map((row, i) => (
              <tr key={i}>{row.map((cell, j) => <td key={j} dir="auto">{cell}</td>)}</tr>
            ))}
          </tbody>
        </table></div>
      </details>
    </div>
  );
}
