/**
 * The preview of a register's spreadsheet import (decision 045): counts, refused cells, conflicts to settle,
 * changes (before → after per column) and rows to add (every filled cell as read), then confirm or cancel.
 * Each row's cells are one small table of column and value(s): it stays readable on a phone, where one wide
 * table would hide "after".
 */
import type { ReactNode } from "react";
import { Form } from "react-router";
import { loc, useTranslation } from "#app/i18n.ts";
import { LocalTime } from "#app/components/local-time.tsx";
import { actorLabel } from "#app/actors.ts";
import { SHEET_WORDS } from "#app/domain/register-sheet.ts";
import type { ImportComparison } from "#app/domain/register-import.server.ts";
import { displayCell } from "#app/views/display.ts";
import { localDigits } from "#app/views/format.ts";
import type { Language, RegisterColumn } from "#methodology/schema.ts";

export type Preview = { fileName: string; comparison: ImportComparison };

/** One row's cells: a column per line, then its value(s) under the given headings. */
function ColumnTable({ heads, lines }: { heads: string[]; lines: Array<{ key: string; label: ReactNode; values: Array<{ node: ReactNode; className?: string }>; rowId?: number }> }) {
  return (
    <div className="table-wrap">
      <table className="data-table">
        <thead>
          <tr>
            {heads.map((h) => (
              <th key={h} scope="col">{h}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {lines.map((l) => (
            <tr key={l.key} data-row-id={l.rowId}>
              <th scope="row">{l.label}</th>
              {l.values.map((v, i) => (
                <td key={i} className={v.className}>{v.node}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function ImportPreview({
  preview,
  uploadId,
  columns,
  refOptions,
  stale,
  canWrite,
  busy,
}: {
  preview: Preview;
  uploadId: string;
  columns: RegisterColumn[];
  refOptions: Record<string, Array<{ id: number; label: string }>>;
  stale: boolean;
  canWrite: boolean;
  busy: string | null;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const n = (v: number) => localDigits(v, lang);
  const byId = new Map(columns.map((c) => [c.id, c]));
  const label = (column: string) => (column === "id" || column === "version" ? SHEET_WORDS[column][lang] : byId.has(column) ? loc(byId.get(column)!.label, lang) : column);
  const show = (column: string, v: unknown) => {
    const col = byId.get(column);
    const text = col ? displayCell(col, v, lang, refOptions) : v === null || v === undefined ? "" : String(v);
    return text ? <bdi>{text}</bdi> : <span className="muted">{t("sheetImport.empty")}</span>;
  };
  const first = columns[0]!.id;
  /** A changed or added row: its line in the file and its first cell, then its table. */
  const rowHead = (line: number, cells: Record<string, unknown>) => (
    <p className="sheet-row-head">
      <span className="muted">{t("sheetImport.line", { n: n(line) })} ·</span> {show(first, cells[first])}
    </p>
  );
  const c = preview.comparison;
  const blocked = c.refused.length > 0;
  const nothing = c.adds.length + c.changes.length + c.conflicts.length === 0;
  return (
    <Form method="post" className="stack sheet-preview" data-testid="sheet-preview">
      <input type="hidden" name="upload" value={uploadId} />
      <input type="hidden" name="fingerprint" value={c.fingerprint} />
      <section className="card stack">
        <h3>{t("sheetImport.previewTitle", { file: `\u2068${preview.fileName}\u2069` })}</h3>
        {stale ? <p className="banner banner-warning" role="alert" data-testid="import-stale">{t("sheetImport.stale")}</p> : null}
        <p data-testid="import-summary">
          {(
            [
              ["adds", c.adds.length],
              ["changes", c.changes.length],
              ["conflicts", c.conflicts.length],
              ["refused", c.refused.length],
              ["unchanged", c.unchanged],
            ] as const
          )
            .filter(([, count]) => count > 0)
            .map(([key, count]) => t(`sheetImport.count.${key}`, { count, n: n(count) }))
            .join(" · ")}
        </p>
        {c.kept ? <p className="muted">{t("sheetImport.kept", { count: c.kept, n: n(c.kept) })}</p> : null}
        {blocked ? <p className="banner banner-error" role="alert">{t("sheetImport.cannotConfirm")}</p> : nothing ? <p className="banner banner-info">{t("sheetImport.nothingToDo")}</p> : null}
      </section>

      {blocked ? (
        <section className="card stack" data-testid="import-refused" aria-labelledby="refused-title">
          <h3 id="refused-title">{t("sheetImport.refusedTitle")}</h3>
          <div className="table-wrap">
            <table className="data-table">
              <thead>
                <tr>
                  <th scope="col">{t("sheetImport.lineHead")}</th>
                  <th scope="col">{t("sheetImport.column")}</th>
                  <th scope="col">{t("sheetImport.problem")}</th>
                </tr>
              </thead>
              <tbody>
                {c.refused.flatMap((r) =>
                  r.problems.map((p, i) => (
                    <tr key={`${r.line}-${i}`}>
                      <td>{n(r.line)}</td>
                      <td>{label(p.column)}</td>
                      <td>{p.message[lang]}</td>
                    </tr>
                  )),
                )}
              </tbody>
            </table>
          </div>
        </section>
      ) : null}

      {c.conflicts.length ? (
        <section className="card stack" data-testid="import-conflicts" aria-labelledby="conflicts-title">
          <h3 id="conflicts-title">{t("sheetImport.conflictsTitle")}</h3>
          <p className="muted">{t("sheetImport.conflictLead")}</p>
          {c.conflicts.map((k) => (
            <fieldset key={k.rowId} className="sheet-conflict" data-row-id={k.rowId}>
              <legend>
                {t("sheetImport.line", { n: n(k.line) })} · {t("sheetImport.rowN", { id: n(k.rowId) })} —{" "}
                {t("sheetImport.conflictBy", { name: `\u2068${actorLabel(k.changedBy ?? "", lang)}\u2069` })} <LocalTime iso={k.changedAt} lang={lang} />
              </legend>
              <ColumnTable
                heads={[t("sheetImport.column"), t("sheetImport.inFile"), t("sheetImport.current")]}
                lines={k.columns.map((col) => ({ key: col.column, label: label(col.column), values: [{ node: show(col.column, col.file) }, { node: show(col.column, col.current) }] }))}
              />
              <div className="choice-row">
                <label>
                  <input type="radio" name={`choice.${k.rowId}`} value="keep" defaultChecked /> {t("sheetImport.keepCurrent")}
                </label>
                <label>
                  <input type="radio" name={`choice.${k.rowId}`} value="file" /> {t("sheetImport.useFile")}
                </label>
              </div>
            </fieldset>
          ))}
        </section>
      ) : null}

      {c.changes.length ? (
        <section className="card stack" data-testid="import-changes" aria-labelledby="changes-title">
          <h3 id="changes-title">{t("sheetImport.changesTitle")}</h3>
          {c.changes.map((r) => (
            <div key={r.rowId} className="sheet-change" data-row-id={r.rowId}>
              {rowHead(r.line, r.cells)}
              <ColumnTable
                heads={[t("sheetImport.column"), t("sheetImport.before"), t("sheetImport.after")]}
                lines={r.changes.map((ch) => ({
                  key: ch.column,
                  rowId: r.rowId,
                  label: label(ch.column),
                  values: [
                    { node: show(ch.column, ch.before), className: "change-before" },
                    { node: show(ch.column, ch.after), className: "change-after" },
                  ],
                }))}
              />
            </div>
          ))}
        </section>
      ) : null}

      {c.adds.length ? (
        <section className="card stack" data-testid="import-adds" aria-labelledby="adds-title">
          <h3 id="adds-title">{t("sheetImport.addsTitle")}</h3>
          {/* Every filled cell of a new row, as read (dates as the app shows them, numbers as parsed): the last look before the write. */}
          {c.adds.map((a) => (
            <div key={a.line} className="sheet-change" data-line={a.line}>
              {rowHead(a.line, a.cells)}
              <ColumnTable
                heads={[t("sheetImport.column"), t("sheetImport.after")]}
                lines={columns
                  .filter((col) => a.cells[col.id] !== null && a.cells[col.id] !== undefined && a.cells[col.id] !== "")
                  .map((col) => ({ key: col.id, label: loc(col.label, lang), values: [{ node: show(col.id, a.cells[col.id]), className: "change-after" }] }))}
              />
            </div>
          ))}
        </section>
      ) : null}

      <div className="form-actions">
        {canWrite && !blocked && !nothing ? (
          <button type="submit" className="button primary" name="intent" value="confirm" disabled={busy === "confirm"}>
            {busy === "confirm" ? t("sheetImport.writing") : t("sheetImport.confirm")}
          </button>
        ) : null}
        <button type="submit" className="button" name="intent" value="cancel" formNoValidate>
          {t("sheetImport.cancel")}
        </button>
      </div>
    </Form>
  );
}
