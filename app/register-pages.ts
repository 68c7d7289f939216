/**
 * Large registers are shown a page of rows at a time (a register may hold
 * 500 requirements; a page with 500 row editors weighed 5 MB). Which page is
 * shown is in the URL, one parameter per register, so it survives a reload,
 * works before JavaScript loads and can be linked to.
 */
export const ROWS_PER_PAGE = 25;

export type RowPage = {
  /** 1-based. */
  page: number;
  pages: number;
  /** Rows in the whole register. */
  total: number;
  /** How many rows come before this page. */
  offset: number;
};

export function rowPageParam(itemId: string): string {
  return `page.${itemId}`;
}

/**
 * Asks for a register's every row in the printed copy (decision 048): `print.<itemId>=all`. The
 * screen still shows its page of rows; only the print-only copy holds them all.
 */
export function printAllParam(itemId: string): string {
  return `print.${itemId}`;
}

/** Whether a URL asks to print every row of a register: only the value `all` counts; anything else is ignored. */
export function printsAllRows(search: URLSearchParams, itemId: string): boolean {
  return search.get(printAllParam(itemId)) === "all";
}

/** The row whose form a URL asks to show open (how a row opens without JavaScript). */
export function rowEditParam(itemId: string): string {
  return `edit.${itemId}`;
}

/** The page a URL asks for (null: none, or not a page number). */
export function requestedRowPage(search: URLSearchParams, itemId: string): number | null {
  const raw = search.get(rowPageParam(itemId));
  if (raw === null || !/^\d{1,6}$/.test(raw)) return null;
  const n = Number(raw);
  return n >= 1 ? n : null;
}

/** The page that holds the row at `index` (0-based) of the register. */
export function pageOfIndex(index: number): number {
  return Math.floor(index / ROWS_PER_PAGE) + 1;
}

export function rowPage(total: number, requested: number | null): RowPage {
  const pages = Math.max(1, Math.ceil(total / ROWS_PER_PAGE));
  const page = Math.min(Math.max(1, requested ?? 1), pages);
  return { page, pages, total, offset: (page - 1) * ROWS_PER_PAGE };
}
