import { useTranslation } from "#app/i18n.ts";
import { Link } from "#app/components/app-link.tsx";

/**
 * A register as a spreadsheet (decision 045): download it as Excel or CSV
 * (whoever may view it) and, for whoever may edit it, import it back. Placed
 * above the register's table; plain links, so a read-only or locked register
 * (whose form controls are disabled) still offers its downloads.
 */
export function RegisterSheetActions({ projectId, itemId, canImport }: { projectId: number; itemId: string; canImport: boolean }) {
  const { t } = useTranslation();
  return (
    <div className="sheet-actions" data-testid="sheet-actions">
      <RegisterSheetDownloads projectId={projectId} itemId={itemId} />
      {canImport ? (
        <Link className="button small" to={`/projects/${projectId}/registers/${encodeURIComponent(itemId)}/import`} data-testid="sheet-import">
          {t("sheetImport.import")}
        </Link>
      ) : null}
    </div>
  );
}

export function RegisterSheetDownloads({ projectId, itemId }: { projectId: number; itemId: string }) {
  const { t } = useTranslation();
  const href = (format: "xlsx" | "csv") => `/projects/${projectId}/registers/${encodeURIComponent(itemId)}/sheet?format=${format}`;
  return (
    <span className="sheet-downloads">
      <span className="muted small">{t("sheetImport.actions")}:</span>{" "}
      <a className="button small" href={href("xlsx")} download data-testid="sheet-xlsx">
        {t("sheetImport.download")} {t("sheetImport.xlsx")}
      </a>{" "}
      <a className="button small" href={href("csv")} download data-testid="sheet-csv">
        {t("sheetImport.download")} {t("sheetImport.csv")}
      </a>
    </span>
  );
}
