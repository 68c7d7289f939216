import { useEffect, useRef, useState } from "react";
import { loc, useTranslation } from "#app/i18n.ts";
import { useFetcher, useLocation, useSearchParams } from "react-router";
import { Link } from "#app/components/app-link.tsx";
import type { RowView, StepActionResult } from "#app/domain/step.server.ts";
import { localDigits } from "#app/views/format.ts";
import type { Language, RegisterColumn, RegisterItem } from "#methodology/schema.ts";
import { suggestionValue, suggestionsToOffer } from "#methodology/values.ts";
import { DateInput } from "#app/components/date-input.tsx";
import { FieldError } from "#app/components/field.tsx";
import { ConflictNotice, ItemShell, SaveStatusLine, type SourceInfo } from "./shared.tsx";
import { clip, displayCell } from "#app/views/display.ts";
import { hasDraft, useAutosave, type SaveStatus } from "./use-autosave.ts";
import { isTextField } from "#app/early-input.ts";
import { actorLabel } from "#app/actors.ts";
import { pageOfIndex, printAllParam, rowEditParam, rowPage, rowPageParam, type RowPage } from "#app/register-pages.ts";

export type Row = RowView;
export type RefOptions = Record<string, Array<{ id: number; label: string }>>;

/**
 * A <details> that opens itself when `force` becomes true (an error, a conflict)
 * and otherwise stays as the user left it: closing it while they work would hide
 * what they are typing.
 */
function useStickyOpen(force: boolean) {
  const ref = useRef<HTMLDetailsElement>(null);
  const initiallyOpen = useRef(force);
  useEffect(() => {
    if (force && ref.current) ref.current.open = true;
  }, [force]);
  return { ref, open: initiallyOpen.current || undefined };
}

/** The current URL with another page of a register, scrolled to the register (or to a row). */
function usePageLink(itemId: string) {
  const location = useLocation();
  return (page: number, hash = `#item-${itemId}`) => {
    const search = new URLSearchParams(location.search);
    if (page === 1) search.delete(rowPageParam(itemId));
    else search.set(rowPageParam(itemId), String(page));
    const query = search.toString();
    return { pathname: location.pathname, search: query ? `?${query}` : "", hash };
  };
}

/** The current URL asking for (or no longer asking for) every row of a register in print, scrolled to the register. */
function usePrintAllLink(itemId: string) {
  const location = useLocation();
  return (all: boolean) => {
    const search = new URLSearchParams(location.search);
    if (all) search.set(printAllParam(itemId), "all");
    else search.delete(printAllParam(itemId));
    const query = search.toString();
    return { pathname: location.pathname, search: query ? `?${query}` : "", hash: `#item-${itemId}` };
  };
}

/**
 * The register whose "print all" link was just clicked: once its rows have loaded, the page opens
 * the print dialog. In memory only, so a reload of that address does not print again; without
 * JavaScript the link alone works and the reader prints with the browser's own command.
 */
let printWhenLoaded: string | null = null;

/** On screen only, beside the pager: the link to the same page with every row in its printed copy. */
function PrintAllLink({ item, total }: { item: RegisterItem; total: number }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const link = usePrintAllLink(item.id);
  return (
    <p className="print-all screen-only">
      <Link to={link(true)} className="button small ghost" data-testid="print-all-rows" onClick={() => void (printWhenLoaded = item.id)}>
        {t("print.allRowsLink", { n: localDigits(total, lang) })}
      </Link>
    </p>
  );
}

/** On screen only, while the URL asks for every row in print: says so, prints, and leads back. */
function PrintAllNotice({ item, total }: { item: RegisterItem; total: number }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const link = usePrintAllLink(item.id);
  useEffect(() => {
    if (printWhenLoaded !== item.id) return;
    printWhenLoaded = null;
    window.print();
  }, [item.id]);
  return (
    <div className="banner banner-info print-all-notice screen-only" role="status" data-testid="print-all-notice">
      <p>{t("print.allRowsNotice", { n: localDigits(total, lang) })}</p>
      <p className="print-all-actions">
        <button type="button" className="button small" onClick={() => window.print()}>
          {t("print.printNow")}
        </button>{" "}
        <Link to={link(false)} className="button small ghost">
          {t("print.allRowsBack")}
        </Link>
      </p>
    </div>
  );
}

/** Page numbers to offer: the first, the last, and two either side of the current one. */
function pageNumbers(page: number, pages: number): Array<number | null> {
  const shown = [...new Set([1, page - 2, page - 1, page, page + 1, page + 2, pages])].filter((n) => n >= 1 && n <= pages).sort((a, b) => a - b);
  return shown.flatMap((n, i) => (i > 0 && n - shown[i - 1]! > 1 ? [null, n] : [n]));
}

function RowPager({ item, page, shown, position }: { item: RegisterItem; page: RowPage; shown: number; position: "top" | "bottom" }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const link = usePageLink(item.id);
  return (
    <nav className="row-pager" aria-label={t("register.pagesOf", { title: loc(item.title, lang) })} data-position={position}>
      <span className="muted small">
        {t("register.showing", { from: localDigits(page.offset + 1, lang), to: localDigits(page.offset + shown, lang), total: localDigits(page.total, lang) })}
      </span>
      <span className="pager-links">
        {page.page > 1 ? (
          <Link to={link(page.page - 1)} className="button small ghost" rel="prev">
            {t("register.previousPage")}
          </Link>
        ) : null}
        {pageNumbers(page.page, page.pages).map((n, i) =>
          n === null ? (
            <span key={`gap-${i}`} className="muted" aria-hidden="true">…</span>
          ) : n === page.page ? (
            <span key={n} className="button small current" aria-current="page">{localDigits(n, lang)}</span>
          ) : (
            <Link key={n} to={link(n)} className="button small ghost" aria-label={t("register.pageN", { n: localDigits(n, lang) })}>
              {localDigits(n, lang)}
            </Link>
          ),
        )}
        {page.page < page.pages ? (
          <Link to={link(page.page + 1)} className="button small ghost" rel="next">
            {t("register.nextPage")}
          </Link>
        ) : null}
      </span>
    </nav>
  );
}

/** A register: a table of typed rows, each saved on its own as it is typed. */
export function RegisterItemView({
  item,
  rows,
  page: shownPage,
  suggestionsLeft,
  refOptions,
  source,
  projectId,
  answered,
  fallback,
  children,
  toolbar,
  rowAction,
  printRows,
}: {
  item: RegisterItem;
  /** The rows on the page shown (all of them for a register of one page). */
  rows: Row[];
  /** Where those rows are in the register; absent: `rows` is the whole register. */
  page?: RowPage;
  /** Indices of the method's example rows not in the register yet (worked out over every row). */
  suggestionsLeft?: number[];
  refOptions: RefOptions;
  source?: SourceInfo;
  projectId: number;
  answered: boolean;
  fallback?: StepActionResult;
  children?: React.ReactNode;
  /** A bar of the register's own actions (e.g. download / upload), between its count and its table. */
  toolbar?: React.ReactNode;
  /** One action per row (e.g. invite a team member), in a last column of the table; screen only. */
  rowAction?: (row: Row) => React.ReactNode;
  /** Every row of the register, for its printed copy only (the URL asked for them: `print.<id>=all`). */
  printRows?: Row[];
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const page = shownPage ?? rowPage(rows.length, 1);
  const pageLink = usePageLink(item.id);
  // The columns the pack says the table shows (decision 048); the row's form has every column.
  const summaryColumns = tableColumnsOf(item);
  const first = item.columns[0]!.id;
  const suggestions = (suggestionsLeft ?? suggestionsToOffer(item, rows)).flatMap((index) => (item.suggestions[index] ? [{ s: item.suggestions[index], index }] : []));
  const pager = (position: "top" | "bottom") => (page.pages > 1 ? <RowPager item={item} page={page} shown={rows.length} position={position} /> : null);
  return (
    <ItemShell item={item} source={source} answered={answered}>
      {children}
      <p className="muted small register-count">
        {t("register.rowCount", { count: page.total, n: localDigits(page.total, lang) })}
        {item.required && item.minRows > 1 ? ` · ${t("register.minRows", { n: localDigits(item.minRows, lang) })}` : ""}
      </p>
      {toolbar}
      {page.pages > 1 ? printRows ? <PrintAllNotice item={item} total={page.total} /> : <PrintAllLink item={item} total={page.total} /> : null}
      {pager("top")}
      {rows.length > 0 ? (
        // A wide table scrolls inside this frame, never the page; the frame takes focus so the
        // keyboard scrolls it too (decision 048).
        <div className="table-wrap register-frame screen-only" role="region" aria-label={loc(item.title, lang)} tabIndex={0}>
          <table className="register-table" style={{ minInlineSize: `${tableMinRem(summaryColumns, Boolean(rowAction))}rem` }}>
            <caption className="visually-hidden">{loc(item.title, lang)}</caption>
            <thead>
              <tr>
                <th scope="col">#</th>
                {summaryColumns.map((c) => (
                  <th key={c.id} scope="col">{loc(c.label, lang)}</th>
                ))}
                {rowAction ? <td /> : null}
              </tr>
            </thead>
            <tbody>
              {rows.map((r, i) => (
                <tr key={r.id}>
                  <td>
                    <a href={`#row-${r.id}`}>{localDigits(page.offset + i + 1, lang)}</a>
                  </td>
                  {summaryColumns.map((c) => (
                    <td key={c.id} dir="auto" className={c.type === "number" || c.type === "scale" || c.type === "date" ? "cell-short" : undefined}>
                      {summaryCell(c, r.cells[c.id], lang, refOptions)}
                    </td>
                  ))}
                  {rowAction ? <td className="row-action">{rowAction(r)}</td> : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <PrintedRows item={item} rows={printRows ?? rows} page={printRows ? { ...page, offset: 0 } : page} all={Boolean(printRows)} refOptions={refOptions} />
      {rows.length > 0 ? <p className="label screen-only">{t("register.editRows")}</p> : null}
      <ol className="row-editors screen-only" start={page.offset + 1}>
        {rows.map((r, i) => (
          <RowEditor
            key={r.id}
            item={item}
            row={r}
            index={page.offset + i}
            last={page.offset + i === page.total - 1}
            refOptions={refOptions}
            projectId={projectId}
            fallback={fallback && fallback.rowId === r.id ? fallback : undefined}
          />
        ))}
      </ol>
      {pager("bottom")}
      <NewRowForm
        item={item}
        refOptions={refOptions}
        projectId={projectId}
        open={page.total === 0}
        fallback={fallback && !fallback.ok && fallback.intent === "row-add" ? fallback : undefined}
        // A row is added at the end: when that is on another page, say where.
        addedElsewhere={(rowId) => (rows.some((r) => r.id === rowId) || page.total === 0 ? null : pageLink(pageOfIndex(page.total - 1), `#row-${rowId}`))}
      />
      {suggestions.length > 0 ? (
        <div className="suggestions screen-only">
          <p className="label">{t("register.suggestions")}</p>
          <div className="suggestion-chips">
            {suggestions.map(({ s, index }) => (
              <SuggestionButton key={index} itemId={item.id} index={index} label={suggestionLabel(item.columns[0]!, s[first], lang, refOptions)} />
            ))}
          </div>
        </div>
      ) : null}
    </ItemShell>
  );
}

/** The columns a register's table shows: those its pack names, else all of them. */
export function tableColumnsOf(item: RegisterItem): RegisterColumn[] {
  if (!item.tableColumns) return item.columns;
  return item.tableColumns.flatMap((id) => item.columns.filter((c) => c.id === id));
}

/**
 * The least width of a register's table, in rem: below it the table scrolls in its frame instead
 * of squeezing words into a letter-wide column: 7rem for words, 6.5 for a date, 4.5 for a number or score.
 */
function tableMinRem(columns: RegisterColumn[], withAction: boolean): number {
  const width = (c: RegisterColumn) => (c.type === "number" || c.type === "scale" ? 4.5 : c.type === "date" ? 6.5 : 7);
  return 2.5 + columns.reduce((sum, c) => sum + width(c), 0) + (withAction ? 6 : 0);
}

/** More columns than this print as one block per row (a table would squeeze its cells). */
const PRINT_TABLE_COLUMNS = 6;

/**
 * The register as a printed page shows it (decision 048): every column and the whole of each
 * text, as a table, or one small block per row when the register is too wide for a page.
 */
function PrintedRows({ item, rows, page, all, refOptions }: { item: RegisterItem; rows: Row[]; page: RowPage; all: boolean; refOptions: RefOptions }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  if (rows.length === 0) return <p className="print-only print-unanswered">{t("print.noRows")}</p>;
  const number = (i: number) => localDigits(page.offset + i + 1, lang);
  const note =
    page.pages > 1 && all ? (
      <p className="print-only muted small">{t("print.allRowsShown", { n: localDigits(rows.length, lang) })}</p>
    ) : page.pages > 1 ? (
      <p className="print-only muted small">{t("print.rowsShown", { from: localDigits(page.offset + 1, lang), to: localDigits(page.offset + rows.length, lang), total: localDigits(page.total, lang) })}</p>
    ) : null;
  if (item.columns.length > PRINT_TABLE_COLUMNS) {
    return (
      <>
        <ol className="print-only print-rows" start={page.offset + 1}>
          {rows.map((r, i) => (
            <li key={r.id} className="print-row">
              <p className="print-row-title">
                <span className="row-index">{number(i)}</span> <span dir="auto">{displayCell(item.columns[0]!, r.cells[item.columns[0]!.id], lang, refOptions)}</span>
              </p>
              <dl className="print-facts">
                {item.columns.slice(1).flatMap((c) => {
                  const text = displayCell(c, r.cells[c.id], lang, refOptions);
                  return text
                    ? [
                        <div key={c.id} className={c.type === "long-text" ? "print-fact-wide" : undefined}>
                          <dt>{loc(c.label, lang)}</dt>
                          <dd dir="auto">{text}</dd>
                        </div>,
                      ]
                    : [];
                })}
              </dl>
            </li>
          ))}
        </ol>
        {note}
      </>
    );
  }
  return (
    <>
      <table className="print-only print-table">
        <caption className="visually-hidden">{loc(item.title, lang)}</caption>
        <thead>
          <tr>
            <th scope="col">#</th>
            {item.columns.map((c) => (
              <th key={c.id} scope="col">{loc(c.label, lang)}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={r.id}>
              <td>{number(i)}</td>
              {item.columns.map((c) => (
                <td key={c.id} dir="auto">{displayCell(c, r.cells[c.id], lang, refOptions)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      {note}
    </>
  );
}

function SuggestionButton({ itemId, index, label }: { itemId: string; index: number; label: string }) {
  const { t } = useTranslation();
  const fetcher = useFetcher<StepActionResult>();
  return (
    <fetcher.Form method="post" className="inline-form">
      <input type="hidden" name="intent" value="row-suggest" />
      <input type="hidden" name="itemId" value={itemId} />
      <input type="hidden" name="suggestion" value={index} />
      <button type="submit" className="chip" disabled={fetcher.state !== "idle"} title={t("register.addSuggestion")}>
        + <bdi>{label}</bdi>
      </button>
    </fetcher.Form>
  );
}

/** A suggestion's chip names it by its first column: words in the reader's language, an option by its label (not its id). */
function suggestionLabel(column: RegisterColumn, value: Parameters<typeof suggestionValue>[0], lang: Language, refOptions: RefOptions): string {
  const plain = suggestionValue(value, lang);
  return column.type === "choice" ? displayCell(column, plain, lang, refOptions) || plain : plain;
}

/** A cell in the table of rows: a long text shows its beginning (the row's form has all of it). */
function summaryCell(column: RegisterColumn, value: unknown, lang: Language, refOptions: RefOptions): string {
  const text = displayCell(column, value, lang, refOptions);
  return column.type === "long-text" ? clip(text) : text;
}

function rowTitle(item: RegisterItem, cells: Record<string, unknown>, lang: Language, refOptions: RefOptions, fallback: string) {
  const first = item.columns[0]!;
  return clip(displayCell(first, cells[first.id], lang, refOptions)) || fallback;
}

/**
 * One row of a register: its summary line, and its form once the row is opened.
 * A page may list 25 rows of a dozen fields each; writing every form into the
 * page made the heaviest pages several times slower to serve, so a closed row
 * carries only a link to its form (which is how it opens without JavaScript:
 * `?edit.<item>=<row>` renders it open). With JavaScript the form appears as
 * the row opens. A row with an unsaved draft, an error or a conflict, or one
 * opened before the page became interactive, gets its form at once.
 */
function RowEditor({
  item,
  row,
  index,
  last,
  refOptions,
  projectId,
  fallback,
}: {
  item: RegisterItem;
  row: Row;
  index: number;
  last: boolean;
  refOptions: RefOptions;
  projectId: number;
  fallback?: StepActionResult;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const [searchParams] = useSearchParams();
  const requested = searchParams.get(rowEditParam(item.id)) === String(row.id);
  const draftKey = `${projectId}:${item.id}:${row.id}`;
  const [active, setActive] = useState(Boolean(fallback) || requested);
  const [line, setLine] = useState<SummaryLine>({ status: "saved", restoredAt: null, updatedAt: null });
  const detailsRef = useRef<HTMLDetailsElement>(null);
  const initiallyOpen = useRef(requested || Boolean(fallback && !fallback.ok));

  useEffect(() => {
    if (detailsRef.current?.open || hasDraft(draftKey)) setActive(true);
  }, [draftKey]);
  useEffect(() => {
    if (!requested) return;
    setActive(true);
    if (detailsRef.current) detailsRef.current.open = true;
  }, [requested]);

  const formId = `row-form-${row.id}`;
  const title = rowTitle(item, row.cells, lang, refOptions, t("register.rowN", { n: localDigits(index + 1, lang) }));
  const search = new URLSearchParams(searchParams);
  search.set(rowEditParam(item.id), String(row.id));
  return (
    <li id={`row-${row.id}`} className="row-editor">
      <details ref={detailsRef} open={initiallyOpen.current || undefined} onToggle={(e) => e.currentTarget.open && setActive(true)}>
        <summary>
          <span className="row-index">{localDigits(index + 1, lang)}</span>
          <span className="row-title" dir="auto">{title}</span>
          <SaveStatusLine inline id={`${formId}-save-status`} status={line.status} updatedAt={line.updatedAt ?? row.updatedAt} restoredAt={line.restoredAt} />
        </summary>
        {active ? (
          <RowForm item={item} row={row} index={index} last={last} refOptions={refOptions} draftKey={draftKey} formId={formId} title={title} fallback={fallback} detailsRef={detailsRef} onLine={setLine} />
        ) : (
          <p className="row-form row-open">
            {/* A plain link: with JavaScript the row's form shows as the row opens, so this is followed only without it. */}
            <a href={`?${search}#row-${row.id}`}>{t("register.openRow", { title })}</a>
          </p>
        )}
      </details>
    </li>
  );
}

/** What a row's summary line shows of its form's saving. */
type SummaryLine = { status: SaveStatus; restoredAt: string | null; updatedAt: string | null };

function RowForm({
  item,
  row,
  index,
  last,
  refOptions,
  draftKey,
  formId,
  title,
  fallback,
  detailsRef,
  onLine,
}: {
  item: RegisterItem;
  row: Row;
  index: number;
  last: boolean;
  refOptions: RefOptions;
  draftKey: string;
  formId: string;
  title: string;
  fallback?: StepActionResult;
  detailsRef: React.RefObject<HTMLDetailsElement | null>;
  onLine: (line: SummaryLine) => void;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const fetcher = useFetcher<StepActionResult>({ key: `row-${row.id}` });
  const deleter = useFetcher<StepActionResult>();
  const mover = useFetcher<StepActionResult>();
  const [shown, setShown] = useState({ cells: row.cells, version: row.version, key: 0 });
  // Someone else saved this row while the reader was editing it: their text stays, autosave
  // waits, and the row says who changed it (decision 037).
  const [remote, setRemote] = useState<{ cells: Row["cells"]; version: number; by: string | null } | null>(null);
  const auto = useAutosave({ fetcher, draftKey, version: shown.version, formKey: shown.key, autosave: remote === null });
  const [dismissed, setDismissed] = useState<unknown>(null);
  const latest = fetcher.data ?? fallback;
  const result = latest === dismissed ? undefined : latest;
  const errors = result && !result.ok ? (result.errors ?? {}) : {};
  const conflict = result && !result.ok ? result.conflict : undefined;
  const deleteConflict = deleter.data && !deleter.data.ok ? deleter.data.conflict : undefined;
  const submitted = !fetcher.data && fallback && !fallback.ok ? fallback.submitted : undefined;
  const cells = submitted ? cellsFromSubmitted(submitted) : shown.cells;
  const savedAt = fetcher.data?.ok ? fetcher.data.updatedAt : null;

  useEffect(() => {
    if (row.version <= auto.versionRef.current) {
      setRemote(null);
      return;
    }
    const form = auto.formRef.current;
    const active = typeof document !== "undefined" ? document.activeElement : null;
    const focused = Boolean(form && active && form.contains(active) && isTextField(active));
    if (auto.status === "saved" && fetcher.state === "idle" && !focused) {
      setShown((s) => ({ cells: row.cells, version: row.version, key: s.key + 1 }));
      setRemote(null);
    } else {
      // The row's own last changer (another row of the register may have been changed since).
      setRemote({ cells: row.cells, version: row.version, by: row.updatedBy ? actorLabel(row.updatedBy, lang) : null });
    }
  }, [row.version]); // eslint-disable-line react-hooks/exhaustive-deps

  useEffect(() => {
    onLine({ status: auto.status, restoredAt: auto.restoredAt, updatedAt: savedAt ?? null });
  }, [auto.status, auto.restoredAt, savedAt, onLine]);

  // An error or a conflict opens the row; otherwise it stays as the user left it.
  const hasProblem = Object.keys(errors).length > 0 || Boolean(conflict) || Boolean(deleteConflict);
  useEffect(() => {
    if (hasProblem && detailsRef.current) detailsRef.current.open = true;
  }, [hasProblem, detailsRef]);

  return (
    <>
      <fetcher.Form method="post" id={formId} ref={auto.formRef} onInput={auto.onEdit} onChange={auto.onEdit} key={shown.key} className="row-form" noValidate>
        <input type="hidden" name="intent" value="row-save" />
        <input type="hidden" name="itemId" value={item.id} />
        <input type="hidden" name="rowId" value={row.id} />
        <input type="hidden" name="version" value={shown.version} />
        <div className="row-grid">
          {item.columns.map((c) => (
            <CellField key={c.id} column={c} value={cells[c.id] ?? null} error={errors[c.id]} idPrefix={formId} refOptions={refOptions} />
          ))}
        </div>
        <FieldError id={`${formId}-row-error`} message={errors._row} />
        <div className="item-actions">
          <button type="submit" className="button small" onClick={(e) => { e.preventDefault(); auto.submitNow(); }}>
            {t("common.save")}
          </button>
        </div>
      </fetcher.Form>
      {remote && !conflict ? (
        <RowConflict
          item={item}
          conflict={{ theirs: remote.cells, theirsVersion: remote.version, theirsUpdatedAt: null, yours: null }}
          title={remote.by ? t("live.changedWhileEditing", { name: `\u2068${remote.by}\u2069` }) : t("live.changedWhileEditingAnon")}
          refOptions={refOptions}
          onKeepMine={() => {
            auto.rebase(remote.version);
            setRemote(null);
            auto.submitNow();
          }}
          onUseTheirs={() => {
            auto.discardDraft();
            auto.rebase(remote.version);
            setShown((s) => ({ cells: remote.cells, version: remote.version, key: s.key + 1 }));
            setRemote(null);
            auto.setStatus("saved");
          }}
        />
      ) : null}
      {conflict ? (
        <RowConflict
          item={item}
          conflict={conflict}
          refOptions={refOptions}
          onKeepMine={() => {
            setRemote(null);
            auto.rebase(conflict.theirsVersion);
            auto.submitNow();
          }}
          onUseTheirs={() => {
            setRemote(null);
            auto.discardDraft();
            auto.rebase(conflict.theirsVersion);
            setShown((s) => ({ cells: (conflict.theirs ?? {}) as Row["cells"], version: conflict.theirsVersion, key: s.key + 1 }));
            setDismissed(latest);
            auto.setStatus("saved");
          }}
        />
      ) : null}
      {deleteConflict ? <p className="banner banner-warning" role="alert">{t("register.deleteConflict")}</p> : null}
      <div className="row-tools">
        <mover.Form method="post" className="inline-form">
          <input type="hidden" name="intent" value="row-move" />
          <input type="hidden" name="itemId" value={item.id} />
          <input type="hidden" name="rowId" value={row.id} />
          <button type="submit" name="direction" value="up" className="button small ghost" disabled={index === 0} aria-label={t("register.moveUp")}>↑</button>
          <button type="submit" name="direction" value="down" className="button small ghost" disabled={last} aria-label={t("register.moveDown")}>↓</button>
        </mover.Form>
        <deleter.Form
          method="post"
          className="inline-form"
          onSubmit={(e) => {
            if (!window.confirm(t("register.deleteConfirm", { title }))) e.preventDefault();
            else auto.discardDraft();
          }}
        >
          <input type="hidden" name="intent" value="row-delete" />
          <input type="hidden" name="itemId" value={item.id} />
          <input type="hidden" name="rowId" value={row.id} />
          <input type="hidden" name="version" value={deleteConflict ? deleteConflict.theirsVersion : auto.versionRef.current} />
          <button type="submit" className="button small danger">{t("register.deleteRow")}</button>
        </deleter.Form>
      </div>
    </>
  );
}

function RowConflict({
  item,
  conflict,
  refOptions,
  onKeepMine,
  onUseTheirs,
  title,
}: {
  item: RegisterItem;
  conflict: NonNullable<Extract<StepActionResult, { ok: false }>["conflict"]>;
  /** A saved change met while editing (decision 037): this title, their version only. */
  title?: string;
  refOptions: RefOptions;
  onKeepMine: () => void;
  onUseTheirs: () => void;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const list = (cells: unknown) => {
    const c = (cells ?? {}) as Record<string, unknown>;
    return item.columns
      .map((col) => `${loc(col.label, lang)}: ${displayCell(col, c[col.id], lang, refOptions) || "—"}`)
      .join("\n");
  };
  return (
    <ConflictNotice
      live={Boolean(title)}
      title={title ?? (conflict.deleted ? t("conflict.deletedTitle") : t("conflict.title"))}
      theirs={conflict.deleted ? null : list(conflict.theirs)}
      yours={title ? undefined : list(conflict.yours)}
      onKeepMine={onKeepMine}
      onUseTheirs={onUseTheirs}
    />
  );
}

function cellsFromSubmitted(s: Record<string, string | string[]>): Record<string, string | number | null> {
  const out: Record<string, string | number | null> = {};
  for (const [k, v] of Object.entries(s)) if (k.startsWith("c.")) out[k.slice(2)] = Array.isArray(v) ? (v[0] ?? "") : v;
  return out;
}

/** A row sent or waiting to be sent: the cells exactly as they were when its Add was pressed. */
type QueuedRow = { id: number; entries: Array<[string, string]> };
/** A row the server did not take (a field's error, or no connection), with what was typed for it. */
type RefusedRow = QueuedRow & { errors: Record<string, string>; offline: boolean };

const cellEntries = (fd: FormData): Array<[string, string]> => [...fd.entries()].flatMap(([k, v]) => (k.startsWith("c.") && typeof v === "string" ? [[k, v] as [string, string]] : []));

/**
 * The form for a new row. A person adding rows one after another types the next
 * row while the previous one is still being saved, so the form is emptied the
 * moment Add is pressed — what it held goes to a queue, sent one row at a time
 * in the order added — and never afterwards: nothing left over from one row can
 * end up in the next (it once did: a row kept the previous row's process when the
 * form was emptied only on the server's answer). A row the server refuses comes
 * back with its errors: into this form when it is still empty, otherwise as a
 * form of its own just below, so two rows' values are never mixed in one form.
 */
function NewRowForm({
  item,
  refOptions,
  projectId,
  open,
  fallback,
  addedElsewhere,
}: {
  item: RegisterItem;
  refOptions: RefOptions;
  projectId: number;
  open: boolean;
  fallback?: StepActionResult;
  /** Where a newly added row is shown, when not on this page. */
  addedElsewhere: (rowId: number) => { pathname: string; search: string; hash: string } | null;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const fetcher = useFetcher<StepActionResult>({ key: `add-${item.id}` });
  const [formKey, setFormKey] = useState(0);
  const auto = useAutosave({ fetcher, draftKey: `${projectId}:${item.id}:new`, version: 0, autosave: false, formKey });
  // What the form shows when it is (re)drawn: empty, or a refused row put back (the no-JavaScript answer, or the browser's).
  const [shownIn, setShownIn] = useState<{ entries: Array<[string, string]>; errors: Record<string, string> } | null>(() =>
    fallback && !fallback.ok && fallback.submitted ? { entries: Object.entries(cellsFromSubmitted(fallback.submitted)).map(([k, v]) => [`c.${k}`, String(v ?? "")]), errors: fallback.errors ?? {} } : null,
  );
  const [queue, setQueue] = useState<QueuedRow[]>([]);
  const [refused, setRefused] = useState<RefusedRow[]>([]);
  const [addedRowId, setAddedRowId] = useState<number | null>(null);
  const nextId = useRef(1);
  /** The row on its way, and whether its request has started (the fetcher left idle). */
  const sending = useRef<{ row: QueuedRow; started: boolean } | null>(null);
  const focusFirst = useRef(false);
  const cells = Object.fromEntries((shownIn?.entries ?? []).map(([k, v]) => [k.slice(2), v]));
  const errors = shownIn?.errors ?? {};

  const enqueue = (entries: Array<[string, string]>) => setQueue((q) => [...q, { id: nextId.current++, entries }]);

  // Send the first row waiting, once the one before it is answered.
  useEffect(() => {
    if (sending.current || fetcher.state !== "idle" || queue.length === 0) return;
    const row = queue[0]!;
    sending.current = { row, started: false };
    const fd = new FormData();
    fd.set("intent", "row-add");
    fd.set("itemId", item.id);
    for (const [k, v] of row.entries) fd.append(k, v);
    void fetcher.submit(fd, { method: "post" });
  }, [queue, fetcher.state]); // eslint-disable-line react-hooks/exhaustive-deps

  // The answer to the row sent.
  useEffect(() => {
    const current = sending.current;
    if (!current) return;
    if (fetcher.state !== "idle") {
      current.started = true;
      return;
    }
    if (!current.started) return;
    sending.current = null;
    const result = fetcher.data;
    setQueue((q) => q.filter((r) => r.id !== current.row.id));
    if (result?.ok) {
      setAddedRowId(result.rowId ?? null);
      return;
    }
    const back: RefusedRow = { ...current.row, errors: result && !result.ok ? (result.errors ?? {}) : {}, offline: !result || Boolean(!result.ok && result.offline) };
    const form = auto.formRef.current;
    const untouched = !form || cellEntries(new FormData(form)).every(([, v]) => v === "");
    if (untouched && !back.offline) {
      setShownIn({ entries: back.entries, errors: back.errors });
      setFormKey((k) => k + 1);
    } else setRefused((r) => [...r, back]);
  }, [fetcher.state, fetcher.data]); // eslint-disable-line react-hooks/exhaustive-deps

  // After Add: the emptied form is ready for the next row.
  useEffect(() => {
    if (!focusFirst.current) return;
    focusFirst.current = false;
    auto.formRef.current?.querySelector<HTMLElement>("[name^='c.']")?.focus();
  }, [formKey]); // eslint-disable-line react-hooks/exhaustive-deps

  const formId = `new-row-${item.id}`;
  const details = useStickyOpen(open || Object.keys(errors).length > 0 || refused.length > 0);
  const added = queue.length === 0 && addedRowId !== null ? addedElsewhere(addedRowId) : null;
  const first = item.columns[0]!;
  const rowLabel = (entries: Array<[string, string]>) => clip(displayCell(first, entries.find(([k]) => k === `c.${first.id}`)?.[1] ?? "", lang, refOptions)) || t("register.untitledRow");
  return (
    <details className="new-row" ref={details.ref} open={details.open}>
      <summary className="button small">{t("register.addRow")}</summary>
      <fetcher.Form
        method="post"
        id={formId}
        ref={auto.formRef}
        onInput={auto.onEdit}
        onChange={auto.onEdit}
        onSubmit={(e) => {
          // The browser sends the form itself only without JavaScript (or before it has loaded).
          e.preventDefault();
          enqueue(cellEntries(new FormData(e.currentTarget)));
          auto.discardDraft();
          auto.setStatus("saved");
          setShownIn(null);
          focusFirst.current = true;
          setFormKey((k) => k + 1);
        }}
        key={formKey}
        className="row-form"
        noValidate
      >
        <input type="hidden" name="intent" value="row-add" />
        <input type="hidden" name="itemId" value={item.id} />
        <div className="row-grid">
          {item.columns.map((c) => (
            <CellField key={c.id} column={c} value={cells[c.id] ?? null} error={errors[c.id]} idPrefix={`${formId}-${formKey}`} refOptions={refOptions} />
          ))}
        </div>
        <FieldError id={`${formId}-row-error`} message={errors._row} />
        <div className="item-actions">
          <button type="submit" className="button small primary">{t("register.add")}</button>
          {auto.status === "restored" ? <span className="muted small">{t("register.draftRestored")}</span> : null}
          {added ? (
            <span className="status-ok small" role="status">
              {t("register.addedElsewhere")} <Link to={added}>{t("register.showAdded")}</Link>
            </span>
          ) : null}
        </div>
      </fetcher.Form>
      {queue.length > 0 ? (
        <ul className="pending-rows" role="status" aria-live="polite">
          {queue.map((r) => (
            <li key={r.id} className="muted small" data-testid="pending-row">
              {t("register.addingRow", { title: rowLabel(r.entries) })}
            </li>
          ))}
        </ul>
      ) : null}
      {refused.map((r) => (
        <RefusedRowForm
          key={r.id}
          item={item}
          row={r}
          title={rowLabel(r.entries)}
          idPrefix={`${formId}-refused-${r.id}`}
          refOptions={refOptions}
          onAdd={(entries) => {
            setRefused((all) => all.filter((x) => x.id !== r.id));
            enqueue(entries);
          }}
          onDiscard={() => setRefused((all) => all.filter((x) => x.id !== r.id))}
        />
      ))}
    </details>
  );
}

/** A row that was not added, with what was typed for it and why, to correct and add again. */
function RefusedRowForm({
  item,
  row,
  title,
  idPrefix,
  refOptions,
  onAdd,
  onDiscard,
}: {
  item: RegisterItem;
  row: RefusedRow;
  title: string;
  idPrefix: string;
  refOptions: RefOptions;
  onAdd: (entries: Array<[string, string]>) => void;
  onDiscard: () => void;
}) {
  const { t } = useTranslation();
  const cells = Object.fromEntries(row.entries.map(([k, v]) => [k.slice(2), v]));
  return (
    <form
      className="row-form refused-row"
      data-testid="refused-row"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        onAdd(cellEntries(new FormData(e.currentTarget)));
      }}
    >
      <p className="banner banner-warning" role="alert">
        {t(row.offline ? "register.notAddedOffline" : "register.notAdded", { title })}
      </p>
      <div className="row-grid">
        {item.columns.map((c) => (
          <CellField key={c.id} column={c} value={cells[c.id] ?? null} error={row.errors[c.id]} idPrefix={idPrefix} refOptions={refOptions} />
        ))}
      </div>
      <FieldError id={`${idPrefix}-row-error`} message={row.errors._row} />
      <div className="item-actions">
        <button type="submit" className="button small primary">{t("register.add")}</button>
        <button type="button" className="button small ghost" onClick={onDiscard}>{t("register.discardRow")}</button>
      </div>
    </form>
  );
}

function CellField({
  column,
  value,
  error,
  idPrefix,
  refOptions,
}: {
  column: RegisterColumn;
  value: string | number | null;
  error?: string;
  idPrefix: string;
  refOptions: RefOptions;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const id = `${idPrefix}-${column.id}`;
  const name = `c.${column.id}`;
  const text = value === null || value === undefined ? "" : String(value);
  const common = { id, name, "aria-invalid": !!error || undefined, "aria-describedby": error ? `${id}-error` : undefined };
  let control: React.ReactNode;
  switch (column.type) {
    case "text":
      control = <input {...common} dir="auto" className="input" defaultValue={text} maxLength={column.maxLength} />;
      break;
    case "long-text":
      control = <textarea {...common} dir="auto" className="input" rows={3} defaultValue={text} maxLength={column.maxLength} />;
      break;
    case "number":
      control = <input {...common} className="input number-input" inputMode="decimal" dir="ltr" defaultValue={error ? text : text === "" ? "" : localDigits(text, lang)} maxLength={40} />;
      break;
    case "date":
      control = <DateInput id={id} name={name} defaultValue={/^\d{4}-\d{2}-\d{2}$/.test(text) ? text : null} invalidValue={error ? text : undefined} invalid={!!error} describedBy={error ? `${id}-error` : undefined} />;
      break;
    case "choice":
      control = (
        <select {...common} className="input" defaultValue={text}>
          <option value="">{t("common.choose")}</option>
          {column.options.map((o) => (
            <option key={o.id} value={o.id}>{loc(o.label, lang)}</option>
          ))}
        </select>
      );
      break;
    case "scale":
      control = (
        <select {...common} className="input" defaultValue={text}>
          <option value="">{t("common.choose")}</option>
          {Array.from({ length: column.max - column.min + 1 }, (_, i) => column.min + i).map((p) => (
            <option key={p} value={p}>{localDigits(p, lang)}</option>
          ))}
        </select>
      );
      break;
    case "ref": {
      const options = refOptions[column.register] ?? [];
      control = (
        <select {...common} className="input" defaultValue={text}>
          <option value="">{options.length ? t("common.choose") : t("register.refEmpty")}</option>
          {options.map((o) => (
            <option key={o.id} value={o.id}>{o.label}</option>
          ))}
        </select>
      );
      break;
    }
  }
  return (
    <div className={`field${column.type === "long-text" ? " field-wide" : ""}${error ? " has-error" : ""}`}>
      <label htmlFor={id} className="field-label">
        {loc(column.label, lang)}
        {column.required ? <span className="required-mark"> *</span> : null}
      </label>
      {control}
      <FieldError id={`${id}-error`} message={error} />
    </div>
  );
}
