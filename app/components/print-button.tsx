import { useTranslation } from "#app/i18n.ts";

/**
 * The page's "Print" button, among its header actions (decision 048). The page prints as a
 * document: the print stylesheet leaves out the controls and shows each answer's text twin.
 */
export function PrintButton() {
  const { t } = useTranslation();
  return (
    <button type="button" className="button small ghost print-button" onClick={() => window.print()} data-testid="print-page">
      {t("print.button")}
    </button>
  );
}

/** The actions at the top of a page (the Print button first), at the inline end of its header. */
export function HeadActions({ children }: { children?: React.ReactNode }) {
  return (
    <div className="head-actions">
      <PrintButton />
      {children}
    </div>
  );
}
