import { useRef } from "react";
import { data, Form, useFetcher } from "react-router";
import { useTranslation } from "#app/i18n.ts";
import { Link } from "#app/components/app-link.tsx";
import { pageTitle } from "#app/meta.ts";
import type { Route } from "./+types/project.selection";
import type { StepActionResult } from "#app/domain/step.server.ts";
import { requireWorkbench, workbenchAction, workbenchLoaderData } from "#app/domain/workbench.server.ts";
import { availableDeliverables } from "#app/domain/deliverables.server.ts";
import { uploadedFileName } from "#app/domain/text-hygiene.ts";
import { importVendorSheet, type ImportOutcome } from "#app/domain/response-sheet.server.ts";
import { productCandidates } from "#app/domain/response-sheet.ts";
import { DEMO_ITEMS, DEMO_SCORE_MAX, DEMO_SCORE_MIN, readDemoScores, saveDemoScores, scorerKey, type DemoScoresResult } from "#app/domain/demo-scores.server.ts";
import { readForm, UPLOAD_ENVELOPE_BYTES } from "#app/http.server.ts";
import { MAX_WORKBOOK_UPLOAD_BYTES } from "#app/domain/workbook-safety.server.ts";
import { findItem } from "#methodology/load.ts";
import { evaluationView, SELECTION_PHASE, selectionItemIds } from "#app/views/selection-views.ts";
import { importProblemParams, splitValues, valueToken } from "#app/views/import-problems.ts";
import { localDigits } from "#app/views/format.ts";
import { projectGates } from "#app/domain/signoff.server.ts";
import { phaseProgress } from "#methodology/progress.ts";
import { GateBadge } from "#app/components/gate-badge.tsx";
import { ItemList } from "#app/components/items/item-list.tsx";
import { DeliverableDownloads } from "#app/components/deliverable-downloads.tsx";
import type { Language, Pack, RegisterItem } from "#methodology/schema.ts";
import { PrintButton } from "#app/components/print-button.tsx";

const pick = (pack: Pack) => {
  const ids = selectionItemIds(pack);
  return ids ? { config: null, ids } : null;
};

export async function loader(args: Route.LoaderArgs) {
  const wb = requireWorkbench(args, pick);
  const { pack, data: projectData } = wb;
  const base = await workbenchLoaderData(args, wb);
  const url = new URL(args.request.url);
  const products = productCandidates(projectData.rows);
  const scripts = (projectData.rows.get(DEMO_ITEMS.scripts) ?? []).map((r, i) => ({ id: r.id, n: i + 1, name: String(r.cells.script ?? "") || `#${i + 1}` }));
  const allScores = readDemoScores(projectData);
  const scorers = [...new Map([...allScores.values()].flatMap((byVendor) => [...byVendor.values()].flatMap((byScorer) => [...byScorer.values()].map((c) => [scorerKey(c.scorer), c.scorer] as const)))).values()];
  const scorer = (url.searchParams.get("scorer") ?? "").trim().slice(0, 300) || wb.actor.name;
  const key = scorerKey(scorer);
  const grid = Object.fromEntries(scripts.map((s) => [s.id, Object.fromEntries(products.map((p) => {
    const c = allScores.get(s.id)?.get(p.rowId)?.get(key);
    return [p.rowId, c ? { score: c.score, version: c.version } : null];
  }))]));
  const deliverables = new Set(availableDeliverables(pack).map((d) => d.id));
  const evaluation = evaluationView(pack, projectData, base.lang);
  // Too early: the vision or the requirements not signed yet (choosing first lets the vendor set the approach).
  const gates = projectGates(wb.db, wb.project.id, pack);
  const notSigned = ["vision", "requirements"].flatMap((id) => {
    const phase = pack.phases.find((p) => p.id === id);
    if (!phase || gates.get(id)?.status === "signed") return [];
    const progress = phaseProgress(phase, projectData.state);
    return [{ id, title: phase.title[base.lang], done: progress.requiredAnswered, total: progress.required }];
  });
  // Demos are scored for the products evaluated (short-listed, chosen, or already answered or scored).
  const demoProducts = evaluation ? evaluation.products : products.map((p) => ({ id: p.rowId, name: p.name }));
  return {
    ...base,
    deliverableLanguage: wb.project.deliverableLanguage,
    products: products.map((p) => ({ id: p.rowId, name: p.name, status: p.status })),
    responded: Object.fromEntries(products.map((p) => [p.rowId, (projectData.rows.get("selection.vendor-responses") ?? []).filter((r) => Number(r.cells.vendor) === p.rowId).length])),
    requirementsCount: (projectData.rows.get("requirements.register") ?? []).length,
    scripts,
    scorer,
    scorers,
    grid,
    maxMb: MAX_WORKBOOK_UPLOAD_BYTES / 1024 / 1024,
    demoScale: { min: DEMO_SCORE_MIN, max: DEMO_SCORE_MAX },
    selectionLocked: wb.lockedPhase(SELECTION_PHASE),
    selectionGate: gates.get(SELECTION_PHASE)?.status ?? "open",
    notSigned,
    canEditRegisters: wb.may("edit-registers"),
    documents: { rfp: deliverables.has("rfp"), report: deliverables.has("selection-report") },
    evaluation,
    demoProducts,
    phaseId: SELECTION_PHASE,
  };
}

type ImportResult = { intent: "import"; vendorId: number; outcome: ImportOutcome };

export async function action(args: Route.ActionArgs) {
  const wb = requireWorkbench(args, pick);
  const multipart = (args.request.headers.get("Content-Type") ?? "").startsWith("multipart/form-data");
  if (multipart && Number(args.request.headers.get("Content-Length") ?? "0") > MAX_WORKBOOK_UPLOAD_BYTES + UPLOAD_ENVELOPE_BYTES) {
    return data({ intent: "import", vendorId: 0, outcome: { ok: false, status: 413, refusal: "too-large", problems: [], more: 0 } } satisfies ImportResult, { status: 413 });
  }
  const peek = await args.request.clone().formData().catch(() => null);
  const intent = peek?.getAll("intent");
  if (intent?.length === 1 && intent[0] === "demo-scores") {
    const fields = await readForm(args.request);
    const item = findItem(wb.pack, DEMO_ITEMS.scores) as RegisterItem | undefined;
    if (!item) throw data({ error: "errors.notFound" }, { status: 404 });
    const { status, body } = saveDemoScores(wb.db, { projectId: wb.project.id, scoresItem: item, data: wb.data, form: fields, by: wb.actor, locked: wb.lockedPhase(SELECTION_PHASE) });
    return data(body, { status });
  }
  if (!(intent?.length === 1 && intent[0] === "import")) return workbenchAction(args, wb);
  // A vendor's filled response sheet.
  let form: FormData;
  try {
    form = await args.request.formData();
  } catch {
    throw data({ error: "errors.badForm" }, { status: 400 });
  }
  const vendorRaw = form.get("vendor");
  const vendorId = typeof vendorRaw === "string" && /^\d{1,12}$/.test(vendorRaw) ? Number(vendorRaw) : 0;
  const file = form.get("file");
  const refuse = (status: number, refusal: Extract<ImportOutcome, { ok: false }>["refusal"]) =>
    data({ intent: "import", vendorId, outcome: { ok: false, status, refusal, problems: [], more: 0 } } satisfies ImportResult, { status });
  if (!vendorId) return refuse(400, "no-vendor");
  if (!(file instanceof Blob) || file.size === 0) return refuse(400, "no-file");
  if (file.size > MAX_WORKBOOK_UPLOAD_BYTES) return refuse(413, "too-large");
  const outcome = await importVendorSheet(wb.db, {
    projectId: wb.project.id,
    project: { id: wb.project.id, createdAt: wb.project.createdAt },
    pack: wb.pack,
    data: wb.data,
    vendorRowId: vendorId,
    bytes: new Uint8Array(await file.arrayBuffer()),
    fileName: file instanceof File ? uploadedFileName(file.name, "") || null : null,
    by: wb.actor,
    locked: wb.lockedPhase(SELECTION_PHASE),
  });
  return data({ intent: "import", vendorId, outcome } satisfies ImportResult, { status: outcome.ok ? 200 : outcome.status });
}

export function meta({ matches }: Route.MetaArgs) {
  return pageTitle(matches, (t) => [t("nav.selection")]);
}

type LoaderData = Route.ComponentProps["loaderData"];

export default function SelectionPage({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const d = loaderData;
  const byId = new Map(d.items.map((i) => [i.id, i]));
  const items = (...ids: string[]) => ids.map((id) => byId.get(id)).filter((i): i is NonNullable<typeof i> => Boolean(i));
  const fallback = actionData && "itemId" in (actionData as object) ? (actionData as StepActionResult) : undefined;
  const importResult = actionData && (actionData as ImportResult).intent === "import" ? (actionData as ImportResult) : undefined;
  const scoresResult = actionData && (actionData as DemoScoresResult).intent === "demo-scores" ? (actionData as DemoScoresResult) : undefined;
  const pid = d.list.projectId;
  return (
    <div className="stack workbench selection-page">
      <header className="section-head">
        <PrintButton />
        <h2 className="page-title">{t("selection.title")}</h2>
        <p className="lead">{t("selection.lead")}</p>
        <p className="screen-only">
          <Link to={`/projects/${pid}/phases/${d.phaseId}`}>{t("selection.toPhase")}</Link>
        </p>
      </header>
      {d.notSigned.length ? (
        <div className="banner banner-warning" role="status" data-testid="selection-too-early">
          {d.notSigned.map((p) => (
            <p key={p.id}>
              {t("selection.tooEarly", { phase: p.title, done: localDigits(p.done, d.lang), total: localDigits(p.total, d.lang) })}{" "}
              <Link to={`/projects/${pid}/phases/${p.id}`} className="screen-only">{t("selection.tooEarlyLink", { phase: p.title })}</Link>
            </p>
          ))}
        </div>
      ) : null}
      {d.selectionLocked ? (
        <p className="banner banner-info read-only-banner" role="status" data-testid="read-only">
          <GateBadge status={d.selectionGate} changed={false} /> {t(`gate.lockedStep.${d.selectionGate}`)}{" "}
          <Link to={`/projects/${pid}/phases/${d.phaseId}#sign-off`}>{t("gate.seeSignoff")}</Link>
        </p>
      ) : null}
      <ItemList items={items("selection.purpose", "selection.vendor-led")} data={d.list} fallback={fallback} />

      <section className="workbench-section" aria-labelledby="candidates-heading" id="candidates">
        <h3 id="candidates-heading">{t("selection.candidatesTitle")}</h3>
        <p className="muted">{t("selection.candidatesLead")}</p>
        <ItemList items={items("selection.candidates", "selection.cost-period", "selection.shortlist-criteria")} data={d.list} fallback={fallback} />
      </section>

      <section className="card workbench-section" aria-labelledby="rfp-heading" id="rfp">
        <h3 id="rfp-heading">{t("selection.rfpTitle")}</h3>
        <p className="muted">{t("selection.rfpLead")}</p>
        {d.documents.rfp && d.canExport ? <DeliverableDownloads projectId={pid} id="rfp" label={t("documents.items.rfp.title")} languages={downloadLanguages(d.deliverableLanguage)} small /> : null}
        {d.requirementsCount === 0 ? (
          <p className="banner banner-info">{t("selection.noRequirements")}</p>
        ) : d.canExport ? (
          <p>
            <a className="button small" href={`/projects/${pid}/selection/response-sheet`} download data-testid="blank-sheet">
              {t("selection.blankSheet", { n: localDigits(d.requirementsCount, d.lang) })}
            </a>
          </p>
        ) : null}
        <VendorSheets d={d} result={importResult} />
      </section>
      <ItemList items={items("selection.task-rfp", "selection.rfp-issue-date", "selection.rfp-due-date", "selection.rfp-contact")} data={d.list} fallback={fallback} />

      <section className="card workbench-section" aria-labelledby="matrix-heading" id="fit-gap">
        <h3 id="matrix-heading">{t("selection.matrixTitle")}</h3>
        <p className="muted">{t("selection.matrixLead")}</p>
        <FitGapMatrix d={d} />
      </section>
      <details className="workbench-section">
        <summary>{t("selection.responsesEdit")}</summary>
        <ItemList items={items("selection.vendor-responses")} data={d.list} fallback={fallback} />
      </details>

      <section className="workbench-section" aria-labelledby="demos-heading" id="demos">
        <h3 id="demos-heading">{t("selection.demosTitle")}</h3>
        <ItemList items={items("selection.demo-scripts")} data={d.list} fallback={fallback} />
        <DemoScores d={d} result={scoresResult} />
      </section>

      <section className="card workbench-section" aria-labelledby="ranking-heading" id="ranking">
        <h3 id="ranking-heading">{t("selection.rankingTitle")}</h3>
        <p className="muted">{t("selection.rankingLead")}</p>
        <Ranking d={d} />
      </section>
      <ItemList items={items("selection.evaluation-weights", "selection.evaluation-notes")} data={d.list} fallback={fallback} />

      <section className="workbench-section" aria-labelledby="decision-heading" id="decision">
        <h3 id="decision-heading">{t("selection.decisionTitle")}</h3>
        <ItemList items={items("selection.task-references", "selection.decision-date", "selection.decided-by", "selection.decision-reasons", "selection.gap-remedies")} data={d.list} fallback={fallback} />
        {d.documents.report && d.canExport ? <DeliverableDownloads projectId={pid} id="selection-report" label={t("documents.items.selection-report.title")} languages={downloadLanguages(d.deliverableLanguage)} small /> : null}
        <p className="screen-only">
          <Link to={`/projects/${pid}/phases/${d.phaseId}#sign-off`}>{t("selection.toSignOff")}</Link>
        </p>
      </section>
    </div>
  );
}

/** The project's deliverable language first: its button is the primary one. */
function downloadLanguages(first: string): Array<"fa" | "en"> {
  return first === "en" ? ["en", "fa"] : ["fa", "en"];
}

function ImportProblems({ outcome, lang }: { outcome: Extract<ImportOutcome, { ok: false }>; lang: Language }) {
  const { t } = useTranslation();
  return (
    <>
      <span>{t(`selection.import.refused.${outcome.refusal}`)}</span>
      {outcome.problems.length ? (
        <ul className="import-problems">
          {outcome.problems.map((p, i) => {
            const values = importProblemParams(p.params, lang);
            const keys = Object.keys(values);
            const tokens = Object.fromEntries(keys.map((k, j) => [k, valueToken(j)]));
            const field = p.params?.field ? t(`selection.import.field.${p.params.field}`, { defaultValue: String(p.params.field) }) : "";
            const message = p.params?.message ? t(String(p.params.message).split("|")[0]!, JSON.parse(String(p.params.message).split("|")[1] ?? "{}")) : "";
            const sentence = t(`selection.import.problem.${p.key}`, { ...tokens, field, message, interpolation: { escapeValue: false } });
            return (
              <li key={i} dir={lang === "fa" ? "rtl" : "ltr"}>
                {splitValues(sentence, keys.map((k) => values[k]!)).map((part, j) => (typeof part === "string" ? part : <bdi key={j}>{part.value}</bdi>))}
              </li>
            );
          })}
          {outcome.more ? <li>{t("selection.import.more", { n: localDigits(outcome.more, lang) })}</li> : null}
        </ul>
      ) : null}
    </>
  );
}

function VendorSheets({ d, result }: { d: LoaderData; result?: ImportResult }) {
  const { t } = useTranslation();
  const lang = d.lang;
  if (d.products.length === 0) return <p className="muted">{t("selection.noProducts")}</p>;
  const editable = d.canEditRegisters && !d.selectionLocked;
  return (
    <div className="table-wrap">
      <table className="data-table vendor-sheets" data-testid="vendor-sheets">
        <caption className="visually-hidden">{t("selection.sheetsCaption")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("selection.product")}</th>
            <th scope="col">{t("selection.status")}</th>
            <th scope="col">{t("selection.responses")}</th>
            {d.canExport ? <th scope="col">{t("selection.sheet")}</th> : null}
            {editable ? <th scope="col">{t("selection.importTitle")}</th> : null}
          </tr>
        </thead>
        <tbody>
          {d.products.map((p) => {
            const mine = result && result.vendorId === p.id ? result.outcome : undefined;
            const failed = mine && !mine.ok ? mine : undefined;
            const fieldId = `sheet-file-${p.id}`;
            return (
              <tr key={p.id} data-vendor={p.name}>
                <th scope="row" dir="auto">{p.name}</th>
                <td>{p.status ? t(`selection.statuses.${p.status}`, { defaultValue: p.status }) : "—"}</td>
                <td>{t("selection.respondedCount", { n: localDigits((d.responded as Record<string, number>)[p.id] ?? 0, lang), total: localDigits(d.requirementsCount, lang) })}</td>
                {d.canExport ? (
                  <td>
                    {p.status === "rejected" ? <span className="muted">—</span> : <a href={`/projects/${d.list.projectId}/selection/response-sheet?vendor=${p.id}`} download data-testid={`sheet-${p.id}`}>{t("selection.downloadSheet")}</a>}
                  </td>
                ) : null}
                {editable ? (
                  <td>
                    <Form method="post" encType="multipart/form-data" className="inline-form import-form" preventScrollReset>
                      <input type="hidden" name="intent" value="import" />
                      <input type="hidden" name="vendor" value={p.id} />
                      <label htmlFor={fieldId} className="visually-hidden">{t("selection.importFile", { vendor: p.name })}</label>
                      <input id={fieldId} name="file" type="file" accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" aria-invalid={failed ? true : undefined} aria-describedby={failed ? `${fieldId}-error` : `${fieldId}-hint`} />
                      <button type="submit" className="button small">{t("selection.importButton")}</button>
                      <span id={`${fieldId}-hint`} className="visually-hidden">{t("selection.importHint", { max: localDigits(d.maxMb, lang) })}</span>
                      {failed ? (
                        <div id={`${fieldId}-error`} className="field-error" role="alert" data-testid="import-error">
                          <ImportProblems outcome={failed} lang={lang as Language} />
                        </div>
                      ) : null}
                      {mine && mine.ok ? (
                        <p className="banner banner-success" role="status" data-testid="import-done">
                          {t("selection.import.done", { vendor: mine.vendor, added: localDigits(mine.added, lang), updated: localDigits(mine.updated, lang), removed: localDigits(mine.removed, lang) })}
                          {mine.unanswered.length ? ` ${t("selection.import.unanswered", { numbers: mine.unanswered.map((n) => localDigits(n, lang)).join(lang === "fa" ? "، " : ", ") })}` : null}
                        </p>
                      ) : null}
                    </Form>
                  </td>
                ) : null}
              </tr>
            );
          })}
        </tbody>
      </table>
      {editable ? <p className="muted small">{t("selection.importHint", { max: localDigits(d.maxMb, lang) })}</p> : null}
    </div>
  );
}

function FitGapMatrix({ d }: { d: LoaderData }) {
  const { t } = useTranslation();
  const e = d.evaluation;
  if (!e || e.products.length === 0 || e.matrix.length === 0) return <p className="muted">{t("selection.matrixEmpty")}</p>;
  return (
    <>
    <p className="scroll-hint" aria-hidden="true">{t("selection.scrollHint")}</p>
    <div className="table-wrap">
      <table className="data-table fit-gap" data-testid="fit-gap">
        <caption className="visually-hidden">{t("selection.matrixTitle")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("selection.number")}</th>
            <th scope="col">{t("selection.requirement")}</th>
            <th scope="col">{t("selection.priority")}</th>
            {e.products.map((p) => <th key={p.id} scope="col" dir="auto">{p.name}</th>)}
          </tr>
        </thead>
        <tbody>
          {e.matrix.map((r) => (
            <tr key={r.rowId}>
              <td>{r.number}</td>
              <th scope="row" dir="auto">{r.text}</th>
              <td>{r.priority}</td>
              {r.cells.map((c, i) => (
                <td key={i} className={`fit fit-${c.fit ?? "none"}${c.knockout ? " knockout" : ""}`}>
                  {c.word}
                  {c.knockout ? <> <strong className="knockout-mark">{t("selection.knockout")}</strong></> : null}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
    </>
  );
}

function Ranking({ d }: { d: LoaderData }) {
  const { t } = useTranslation();
  const e = d.evaluation;
  if (!e || e.ranking.length === 0) return <p className="muted">{t("selection.rankingEmpty")}</p>;
  return (
    <>
      {e.weightsNote ? <p className="muted small" data-testid="weights-default">{t("selection.weightsDefault")}</p> : null}
      <p className="scroll-hint" aria-hidden="true">{t("selection.scrollHint")}</p>
      <div className="table-wrap">
        <table className="data-table ranking" data-testid="selection-ranking">
          <caption className="visually-hidden">{t("selection.rankingTitle")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("selection.rank")}</th>
              <th scope="col">{t("selection.product")}</th>
              <th scope="col">{t("selection.total")}</th>
              {e.criteria.map((c) => <th key={c.id} scope="col">{c.word} <span className="muted small">{c.weightText}</span></th>)}
            </tr>
          </thead>
          <tbody>
            {e.ranking.map((r) => (
              <tr key={r.id} className={r.knockedOut ? "knocked-out" : undefined} data-product={r.name}>
                <td className="rank-cell">{r.rankText}</td>
                <th scope="row" dir="auto">
                  {r.name}
                  {r.knockedOut ? <> <span className="badge badge-warning">{t("selection.knockedOut", { numbers: r.knockouts })}</span></> : null}
                </th>
                <td className="strong">{r.totalText}</td>
                {r.contributions.map((c, i) => <td key={i} className={r.missing[i] ? "muted small no-input" : undefined}>{c}</td>)}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h4>{t("selection.sensitivityTitle")}</h4>
      {e.inputsComplete ? (
        <ul className="sensitivity" data-testid="sensitivity">
          {e.sensitivity.map((s) => <li key={s.criterion}>{s.text}</li>)}
        </ul>
      ) : (
        <p className="muted" data-testid="sensitivity-waiting">{t("selection.sensitivityWaiting")}</p>
      )}
    </>
  );
}

function DemoScores({ d, result }: { d: LoaderData; result?: DemoScoresResult }) {
  const { t } = useTranslation();
  const lang = d.lang as Language;
  if (d.scripts.length === 0 || d.demoProducts.length === 0) return <p className="muted">{t("selection.demoEmpty")}</p>;
  const editable = d.canEditRegisters && !d.selectionLocked;
  return (
    <div className="card">
      <h4 id="demo-grid-heading">{t("selection.demoGridTitle")}</h4>
      <form method="get" className="inline-form screen-only" action="#demos">
        <label htmlFor="scorer-pick">{t("selection.scorer")}</label>{" "}
        <input id="scorer-pick" name="scorer" className="input" defaultValue={d.scorer} list="scorers" style={{ maxWidth: "20rem" }} dir="auto" />
        <datalist id="scorers">{d.scorers.map((s) => <option key={s} value={s} />)}</datalist>{" "}
        <button type="submit" className="button small">{t("selection.scorerShow")}</button>
      </form>
      <p className="muted small">{t("selection.demoLead", { scorer: d.scorer, min: localDigits(d.demoScale.min, lang), max: localDigits(d.demoScale.max, lang) })}</p>
      <div className="table-wrap">
        <table className="data-table score-grid" data-testid="demo-grid">
          <caption className="visually-hidden">{t("selection.demoGridTitle")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("selection.script")}</th>
              {d.demoProducts.map((p) => <th key={p.id} scope="col" dir="auto" id={`demo-product-${p.id}`}>{p.name}</th>)}
              {/* Named without a visually hidden span: positioned absolutely, it escaped the table's scroll box and widened the page on a phone. */}
              <th scope="col" aria-label={t("common.save")} />
            </tr>
          </thead>
          <tbody>
            {d.scripts.map((s) => <DemoRow key={s.id} d={d} script={s} editable={editable} noJs={result && result.scriptId === s.id ? result : undefined} />)}
          </tbody>
        </table>
      </div>
    </div>
  );
}

function DemoRow({ d, script, editable, noJs }: { d: LoaderData; script: LoaderData["scripts"][number]; editable: boolean; noJs?: DemoScoresResult }) {
  const { t } = useTranslation();
  const lang = d.lang as Language;
  const fetcher = useFetcher<DemoScoresResult>();
  const formRef = useRef<HTMLFormElement>(null);
  const formId = `demo-${script.id}`;
  const result = fetcher.data ?? noJs;
  const failed = result && !result.ok ? result : null;
  const row = (d.grid as Record<string, Record<string, { score: number; version: number } | null>>)[script.id] ?? {};
  return (
    <tr data-script={script.name}>
      <th scope="row" dir="auto" id={`demo-script-${script.id}`}>{script.name}</th>
      {d.demoProducts.map((p) => {
        const cell = row[p.id];
        const error = failed?.errors?.[`score-${p.id}`];
        const conflict = failed?.conflicts?.find((c) => c.vendorId === p.id);
        return (
          <td key={`${p.id}-${cell?.version ?? 0}`}>
            <input type="hidden" name={`version-${p.id}`} value={cell?.version ?? 0} form={formId} />
            <select name={`score-${p.id}`} form={formId} defaultValue={cell ? String(cell.score) : ""} disabled={!editable} aria-labelledby={`demo-script-${script.id} demo-product-${p.id}`} aria-invalid={error || conflict ? true : undefined}>
              <option value="">—</option>
              {Array.from({ length: d.demoScale.max - d.demoScale.min + 1 }, (_, i) => d.demoScale.min + i).map((n) => <option key={n} value={n}>{localDigits(n, lang)}</option>)}
            </select>
            <span className="print-only">{cell ? localDigits(cell.score, lang) : "—"}</span>
            {error ? <span className="field-error" role="alert">{t(error)}</span> : null}
            {conflict ? <span className="field-error" role="alert">{t("selection.demoConflict", { theirs: conflict.theirs === null ? "—" : localDigits(conflict.theirs, lang), yours: conflict.yours === null ? "—" : localDigits(conflict.yours, lang) })}</span> : null}
          </td>
        );
      })}
      <td>
        <fetcher.Form method="post" id={formId} ref={formRef} className="inline-form">
          <input type="hidden" name="intent" value="demo-scores" />
          <input type="hidden" name="scriptId" value={script.id} />
          <input type="hidden" name="scorer" value={d.scorer} />
          {editable ? <button type="submit" className="button small" disabled={fetcher.state !== "idle"}>{fetcher.state !== "idle" ? t("common.saving") : t("common.save")}</button> : null}
          {failed?.errors?.scorer ? <span className="field-error" role="alert">{t(failed.errors.scorer)}</span> : null}
          {failed?.locked ? <span className="field-error" role="alert">{t("gate.errors.locked")}</span> : null}
          {result?.ok ? <span className="muted small" role="status">{t("selection.saved")}</span> : null}
        </fetcher.Form>
      </td>
    </tr>
  );
}
