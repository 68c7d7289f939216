import { useTranslation } from "#app/i18n.ts";

/**
 * The page's "Print" button, at the inline end of its header (decision 048). The page prints as a
 * document: the print stylesheet leaves out the controls and shows each answer's text twin.
 */
export function PrintButton() {
  const { t } = useTranslation();
  return (
    <div className="head-actions">
      <button type="button" className="button small ghost" onClick={() => window.print()}>
        {t("print.button")}
      </button>
    </div>
  );
}
