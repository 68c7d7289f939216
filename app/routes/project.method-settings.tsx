import { data, Form, useNavigation } from "react-router";
import { z } from "zod";
import { loc, useTranslation } from "#app/i18n.ts";
import { actorLabel } from "#app/actors.ts";
import { pageTitle } from "#app/meta.ts";
import type { Route } from "./+types/project.method-settings";
import { requireProjectContext } from "#app/domain/project-context.server.ts";
import { methodSettings, resetThreshold, saveThreshold, type SettingResult } from "#app/domain/method-settings.server.ts";
import { getPreferences } from "#app/domain/preferences.server.ts";
import { readForm } from "#app/http.server.ts";
import { Field, describedBy } from "#app/components/field.tsx";
import { LocalTime } from "#app/components/local-time.tsx";
import { thresholdValueText } from "#app/views/thresholds.ts";
import { localDigits } from "#app/views/format.ts";
import type { Language } from "#methodology/schema.ts";

const submission = z.object({
  intent: z.enum(["threshold-save", "threshold-reset"]),
  key: z.string().min(1).max(100),
  version: z.string().regex(/^\d{1,15}$/).transform(Number),
  value: z.string().max(100).optional(),
});

export async function loader({ params, context, request }: Route.LoaderArgs) {
  const { db, project, pack, may } = requireProjectContext(params.projectId, context);
  const { lang } = await getPreferences(request);
  const sourceTitle = (file: string) => loc(pack.sources.find((s) => s.file === file)?.title, lang) || file;
  return {
    projectId: project.id,
    canChange: may("adjust-method"),
    settings: methodSettings(db, pack, project.id).map((s) => ({
      id: s.threshold.id,
      title: loc(s.threshold.title, lang),
      does: loc(s.threshold.does, lang),
      value: s.value,
      valueText: thresholdValueText(s.value, s.threshold.unit, lang),
      defaultText: thresholdValueText(s.default, s.threshold.unit, lang),
      min: s.threshold.min,
      max: s.threshold.max,
      unit: s.threshold.unit,
      isDefault: s.isDefault,
      gambegams: s.gambegams,
      source: s.gambegams ? null : sourceTitle(s.threshold.source),
      sourceSays: s.threshold.sourceSays ? loc(s.threshold.sourceSays, lang) : null,
      basis: s.threshold.basis ? loc(s.threshold.basis, lang) : null,
      reading: s.threshold.reading ? loc(s.threshold.reading, lang) : null,
      pages: s.threshold.pages,
      version: s.version,
      updatedBy: s.isDefault ? null : s.updatedBy,
      updatedAt: s.isDefault ? null : s.updatedAt,
    })),
  };
}

type ActionResult = { key: string; saved?: "saved" | "reset"; error?: string; conflict?: { theirs: number | null; yours: number | null } };

export async function action({ request, params, context }: Route.ActionArgs) {
  const { db, project, pack, actor } = requireProjectContext(params.projectId, context);
  const parsed = submission.safeParse(await readForm(request));
  if (!parsed.success) throw data({ error: "errors.badForm" }, { status: 400 });
  const { intent, key, version, value } = parsed.data;
  const result: SettingResult =
    intent === "threshold-reset"
      ? resetThreshold(db, { projectId: project.id, pack, key, baseVersion: version, by: actor })
      : saveThreshold(db, { projectId: project.id, pack, key, raw: value ?? "", baseVersion: version, by: actor });
  switch (result.status) {
    case "saved":
      return { key, saved: intent === "threshold-reset" ? "reset" : "saved" } satisfies ActionResult;
    case "unknown":
      throw data({ error: "methodSettings.unknown" }, { status: 400 });
    case "invalid":
      return data({ key, error: result.errors.value } satisfies ActionResult, { status: 400 });
    case "conflict":
      return data({ key, conflict: { theirs: result.conflict.theirs, yours: result.conflict.yours } } satisfies ActionResult, { status: 409 });
  }
}

export function meta({ matches }: Route.MetaArgs) {
  return pageTitle(matches, (t) => [t("methodSettings.title")]);
}

export default function MethodSettingsPage({ loaderData: d, actionData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const busy = useNavigation().state !== "idle";
  const result = actionData as ActionResult | undefined;
  return (
    <div className="stack workbench method-settings">
      <header className="section-head">
        <h2 className="page-title">{t("methodSettings.title")}</h2>
        <p className="lead">{t("methodSettings.lead")}</p>
        {!d.canChange ? <p className="muted">{t("methodSettings.cannotChange")}</p> : null}
      </header>
      {d.settings.map((s) => {
        const mine = result?.key === s.id ? result : undefined;
        const inputId = `value-${s.id}`;
        return (
          <section key={s.id} id={s.id} className="card threshold" aria-labelledby={`${s.id}-title`} data-threshold={s.id}>
            <h3 id={`${s.id}-title`}>{s.title}</h3>
            <p>{s.does}</p>
            <dl className="threshold-facts">
              <div>
                <dt>{t("methodSettings.projectValue")}</dt>
                <dd data-testid="project-value"><strong>{s.valueText}</strong> {s.isDefault ? <span className="muted">({t("methodSettings.isDefault")})</span> : null}</dd>
              </div>
              <div>
                <dt>{t("methodSettings.default")}</dt>
                <dd>{s.defaultText}</dd>
              </div>
              <div>
                <dt>{t("methodSettings.whose")}</dt>
                <dd data-testid="origin" data-origin={s.gambegams ? "gambegam" : "source"}>
                  {s.gambegams ? t("methodSettings.gambegams") : t("methodSettings.fromSource", { source: s.source })}
                </dd>
              </div>
            </dl>
            {s.sourceSays ? <p className="small"><span className="label">{t("methodSettings.sourceSays")}</span> {s.sourceSays}</p> : null}
            {s.reading ? <p className="small"><span className="label">{t("methodSettings.reading")}</span> {s.reading}</p> : null}
            {s.basis ? <p className="small muted">{s.basis}</p> : null}
            <p className="small muted">
              {t("methodSettings.usedOn")} {s.pages.map((p) => t(`methodSettings.pages.${p}`)).join(lang === "fa" ? "، " : ", ")}
              {s.updatedBy && s.updatedAt ? (
                <>
                  {" · "}
                  {t("methodSettings.setBy")} <bdi>{actorLabel(s.updatedBy, lang)}</bdi>{lang === "fa" ? "، " : ", "}
                  <LocalTime iso={s.updatedAt} lang={lang} />
                </>
              ) : null}
            </p>
            {mine?.saved ? <p className="banner banner-info" role="status">{t(mine.saved === "reset" ? "methodSettings.wasReset" : "methodSettings.saved")}</p> : null}
            {mine?.conflict ? (
              <p className="banner banner-error" role="alert">
                {t("methodSettings.conflict", {
                  theirs: mine.conflict.theirs === null ? t("methodSettings.theDefault") : thresholdValueText(mine.conflict.theirs, s.unit, lang),
                  yours: mine.conflict.yours === null ? t("methodSettings.theDefault") : thresholdValueText(mine.conflict.yours, s.unit, lang),
                })}
              </p>
            ) : null}
            {d.canChange ? (
              <div className="threshold-forms">
                <Form method="post" noValidate className="threshold-form" aria-label={s.title}>
                  <input type="hidden" name="intent" value="threshold-save" />
                  <input type="hidden" name="key" value={s.id} />
                  <input type="hidden" name="version" value={s.version} />
                  <Field id={inputId} label={t("methodSettings.newValue")} hint={t("methodSettings.range", { min: localDigits(s.min, lang), max: localDigits(s.max, lang) })} error={mine?.error}>
                    <input
                      id={inputId}
                      name="value"
                      className="input threshold-input"
                      inputMode="numeric"
                      dir="ltr"
                      maxLength={6}
                      key={`${s.version}-${s.value}`}
                      defaultValue={localDigits(s.value, lang)}
                      aria-invalid={mine?.error ? true : undefined}
                      aria-describedby={describedBy(inputId, { hint: true, error: Boolean(mine?.error) })}
                    />
                  </Field>
                  <button type="submit" className="button primary" disabled={busy}>{t("common.save")}</button>
                </Form>
                {!s.isDefault ? (
                  <Form method="post" className="threshold-reset">
                    <input type="hidden" name="intent" value="threshold-reset" />
                    <input type="hidden" name="key" value={s.id} />
                    <input type="hidden" name="version" value={s.version} />
                    <button type="submit" className="button ghost" disabled={busy}>{t("methodSettings.reset", { value: s.defaultText })}</button>
                  </Form>
                ) : null}
              </div>
            ) : null}
          </section>
        );
      })}
    </div>
  );
}
