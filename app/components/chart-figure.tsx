import { useTranslation } from "#app/i18n.ts";
import type { ChartView } from "#app/views/change-views.ts";
import { FullScreenFigure } from "#app/components/figure-full-screen.tsx";

/**
 * A chart drawn on the server (SVG, so it shows before any script loads),
 * with the same figures as a table beside it, and a button that shows it full
 * screen for a room.
 */
export function ChartFigure({ view, empty, testId }: { view: ChartView; empty: string; testId?: string }) {
  const { t } = useTranslation();
  return (
    <div className="chart-figure" data-testid={testId}>
      {view.svg ? (
        <figure className="chart">
          <figcaption className="figure-caption">
            <span className="label">{view.title}</span>
            <FullScreenFigure title={view.title} svg={view.svg} table={view.table} />
          </figcaption>
          <div className="chart-svg" dangerouslySetInnerHTML={{ __html: view.svg }} />
        </figure>
      ) : (
        <p className="muted empty-chart">{empty}</p>
      )}
      {view.table.rows.length ? (
        <details className="diagram-table">
          <summary>{t("diagram.asTable")}</summary>
          <div className="table-wrap">
            <table className="data-table">
              <caption className="visually-hidden">{view.title}</caption>
              <thead>
                <tr>{view.table.columns.map((c, i) => <th key={i} scope="col" dir="auto">{c}</th>)}</tr>
              </thead>
              <tbody>
                {view.table.rows.map((row, i) => (
                  <tr key={i}>{row.map((cell, j) => (j === 0 ? <th key={j} scope="row" dir="auto">{cell}</th> : <td key={j} dir="auto">{cell}</td>))}</tr>
                ))}
              </tbody>
            </table>
          </div>
        </details>
      ) : null}
    </div>
  );
}
