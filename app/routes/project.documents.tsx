import { loc, useTranslation } from "#app/i18n.ts";
import { actorLabel } from "#app/actors.ts";
import { data } from "react-router";
import { pageTitle } from "#app/meta.ts";
import type { Route } from "./+types/project.documents";
import { requireProjectContext } from "#app/domain/project-context.server.ts";
import { availableDeliverables, contentFingerprint, deliverableSessions, latestVersion, signOffState } from "#app/domain/deliverables.server.ts";
import { effectiveBranding, installationBranding, logoDataUrl, projectBrandingOverride, readBrandingForm, resetProjectBranding, saveBranding } from "#app/domain/branding.server.ts";
import { getDiagramRenderer } from "#app/domain/diagram-render.server.ts";
import { LocalTime } from "#app/components/local-time.tsx";
import { GateBadge } from "#app/components/gate-badge.tsx";
import { DeliverableDownloads } from "#app/components/deliverable-downloads.tsx";
import { BrandingForm } from "#app/components/branding-form.tsx";
import { localDigits } from "#app/views/format.ts";
import { projectSendCheck } from "#app/domain/send-check.server.ts";
import { sendCheckView } from "#app/views/send-check.ts";
import { getPreferences } from "#app/domain/preferences.server.ts";
import { SendCheck } from "#app/components/send-check.tsx";
import type { Language } from "#methodology/schema.ts";
import type { DeliverableId } from "#templates/model.ts";

export async function loader({ params, context, request }: Route.LoaderArgs) {
  const { db, project, pack, data: projectData, may } = requireProjectContext(params.projectId, context);
  const { lang } = await getPreferences(request);
  const checks = new Map(sendCheckView(projectSendCheck(db, project, pack, projectData), lang).map((c) => [c.id, c]));
  const deliverables = availableDeliverables(pack).map((d) => {
    const phase = pack.phases.find((p) => p.id === d.phaseId)!;
    const gate = signOffState(db, project, pack, projectData, d.phaseId, project.deliverableLanguage);
    const latest = latestVersion(db, project.id, d.id);
    const changed = latest ? latest.fingerprint !== contentFingerprint(project, projectData, gate, d.id, deliverableSessions(db, project.id, d, gate)) : false;
    return { id: d.id, phaseId: d.phaseId, phaseTitle: phase.title, status: gate?.status ?? "open", gateChanged: gate?.changedSinceSignoff ?? false, latest, changed, check: checks.get(d.id) ?? null };
  });
  const own = projectBrandingOverride(db, project.id);
  const base = installationBranding(db);
  const effective = effectiveBranding(db, project.id);
  return {
    projectId: project.id,
    projectLanguage: project.deliverableLanguage,
    deliverables,
    diagramsAvailable: getDiagramRenderer().available(),
    canExport: may("export"),
    canBrand: may("manage-documents"),
    branding: {
      own: own ? { firmName: own.firmName, primaryColor: own.primaryColor, font: own.font, logoUrl: logoDataUrl(own.logo) } : null,
      base: { firmName: base.firmName, primaryColor: base.primaryColor, font: base.font, logoUrl: logoDataUrl(base.logo) },
      effective: { firmName: effective.firmName, primaryColor: `#${effective.primaryColor}`, font: effective.font, logoUrl: logoDataUrl(effective.logo) },
      updatedBy: own?.updatedBy ?? null,
      updatedAt: own?.updatedAt ?? null,
    },
  };
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const { db, project, actor } = requireProjectContext(params.projectId, context);
  const submitted = await readBrandingForm(request);
  if (submitted.intent === "branding-reset") {
    resetProjectBranding(db, actor, project.id);
    return { ok: true as const, saved: "reset", errors: {}, echo: null };
  }
  if (!submitted.ok) return data({ ok: false as const, saved: null, errors: submitted.errors, echo: submitted.echo }, { status: 400 });
  saveBranding(db, actor, project.id, submitted.form, submitted.logo);
  return { ok: true as const, saved: "saved", errors: {}, echo: null };
}

export function meta({ matches }: Route.MetaArgs) {
  return pageTitle(matches, (t) => [t("nav.documents")]);
}

export default function DocumentsPage({ loaderData, actionData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const { projectId, deliverables, branding } = loaderData;
  const languages: Language[] = loaderData.projectLanguage === "fa" ? ["fa", "en"] : ["en", "fa"];
  const values = actionData?.echo ? { firmName: "", primaryColor: "", font: "", ...actionData.echo, logoUrl: branding.own?.logoUrl ?? null } : branding.own ?? { firmName: "", primaryColor: "", font: "", logoUrl: null };
  return (
    <div className="stack">
      <header className="section-head">
        <h2 className="page-title">{t("documents.title")}</h2>
        <p className="lead">{t("documents.lead")}</p>
        {loaderData.canExport && deliverables.length ? (
          <p className="muted" id="draft-hint">
            <strong>{t("sendCheck.draft")}:</strong> {t("sendCheck.draftHint")}
          </p>
        ) : null}
      </header>
      {!loaderData.diagramsAvailable ? <p className="banner banner-warning" role="status">{t("documents.noRenderer")}</p> : null}
      {deliverables.length === 0 ? <p className="card muted">{t("documents.noneForPack")}</p> : null}
      <ul className="deliverable-list">
        {deliverables.map((d) => (
          <li key={d.id} className="card deliverable" data-deliverable={d.id}>
            <div className="deliverable-head">
              <h3>{t(`documents.items.${d.id}.title`)}</h3>
              <GateBadge status={d.status} changed={d.gateChanged} />
            </div>
            <p>{t(`documents.items.${d.id}.description`)}</p>
            <p className="muted">
              {t("documents.phase", { phase: loc(d.phaseTitle, lang) })}{" "}
              {d.status === "signed" && !d.gateChanged ? t("documents.signedNote") : t("documents.draftNote")}
            </p>
            <p className="muted" data-version>
              {d.latest ? (
                <>
                  {t("documents.version", { version: localDigits(d.latest.version, lang) })} <bdi>{actorLabel(d.latest.lastExportedBy, lang)}</bdi>{lang === "fa" ? "، " : ", "}
                  <LocalTime iso={d.latest.lastExportedAt} lang={lang} />
                  {d.changed ? <> — {t("documents.changedSince", { next: localDigits(d.latest.version + 1, lang) })}</> : null}
                </>
              ) : (
                t("documents.noVersion")
              )}
            </p>
            {d.check ? <SendCheck check={d.check} /> : null}
            {loaderData.canExport ? (
              <DeliverableDownloads projectId={projectId} id={d.id} languages={languages} draftChoice={{ hintId: "draft-hint" }} />
            ) : (
              <p className="muted">{t("documents.cannotExport")}</p>
            )}
          </li>
        ))}
      </ul>
      <section className="card" aria-labelledby="project-workbook-title" data-testid="project-workbook">
        <h3 id="project-workbook-title">{t("sheetImport.workbookTitle")}</h3>
        <p>{t("sheetImport.workbookLead")}</p>
        <p className="form-actions">
          <a className="button" href={`/projects/${projectId}/workbook`} download>{t("sheetImport.workbookDownload")}</a>
        </p>
      </section>
      <section className="card" aria-labelledby="project-data-title" data-testid="project-data">
        <h3 id="project-data-title">{t("transfer.exportTitle")}</h3>
        <p>{t("transfer.exportLead")}</p>
        {loaderData.canExport ? (
          <>
            <p className="muted">{t("transfer.exportNote")}</p>
            <form method="post" action={`/projects/${projectId}/export`} className="form-actions">
              <input type="hidden" name="intent" value="export" />
              <button type="submit" className="button">{t("transfer.exportButton")}</button>
            </form>
          </>
        ) : (
          <p className="muted">{t("documents.cannotExport")}</p>
        )}
      </section>
      <section className="card" aria-labelledby="branding-title">
        <h3 id="branding-title">{t("branding.projectTitle")}</h3>
        <p className="muted">{branding.own ? t("branding.projectOwn") : t("branding.projectInherits")}</p>
        <BrandPreview values={branding.effective} />
        {actionData?.saved ? <p className="banner banner-info" role="status">{t(actionData.saved === "reset" ? "branding.wasReset" : "branding.saved")}</p> : null}
        {loaderData.canBrand ? (
          <BrandingForm key={JSON.stringify(branding.own)} values={values} errors={actionData?.errors ?? {}} inherited={branding.base} canReset={Boolean(branding.own)} />
        ) : null}
      </section>
    </div>
  );
}

export function BrandPreview({ values }: { values: { firmName: string; primaryColor: string; font: string; logoUrl: string | null } }) {
  const { t } = useTranslation();
  return (
    <div className="brand-preview" aria-label={t("branding.preview")}>
      {values.logoUrl ? <img src={values.logoUrl} alt="" /> : null}
      <span className="brand-swatch" style={{ background: values.primaryColor }} aria-hidden="true" />
      <span dir="auto" style={{ color: values.primaryColor, fontWeight: 700 }}>{values.firmName || t("branding.noFirmName")}</span>
      <span className="muted" dir="ltr">{values.primaryColor} · {values.font}</span>
    </div>
  );
}

export type { DeliverableId };
