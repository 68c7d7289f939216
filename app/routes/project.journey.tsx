import { useTranslation } from "#app/i18n.ts";
import { Form, data, useFetcher, useSearchParams } from "react-router";
import { Link } from "#app/components/app-link.tsx";
import { pageTitle } from "#app/meta.ts";
import type { Route } from "./+types/project.journey";
import type { StepActionResult } from "#app/domain/step.server.ts";
import { workbenchLoaderData } from "#app/domain/workbench.server.ts";
import { gapToRequirement, itemLocked, planningAction, requirePlanningPage, type GapResult } from "#app/domain/planning.server.ts";
import { readSegments, readTouchpoints } from "#app/domain/planning.ts";
import { journeyDiagram } from "#app/views/planning-views.ts";
import { findItem } from "#methodology/load.ts";
import { ItemList } from "#app/components/items/item-list.tsx";
import { GeneratedDiagramView } from "#app/components/generated-diagram.tsx";
import type { RegisterItem } from "#methodology/schema.ts";
import { PrintButton } from "#app/components/print-button.tsx";

export async function loader(args: Route.LoaderArgs) {
  const wb = requirePlanningPage(args, "journey");
  const { pack, project, data: projectData, config: planning } = wb;
  const base = await workbenchLoaderData(args, wb);
  const segments = readSegments(planning, projectData);
  const all = readTouchpoints(planning, projectData);
  const wanted = Number(new URL(args.request.url).searchParams.get("segment"));
  const segment = segments.find((s) => s.id === wanted) ?? null;
  const touchpoints = segment ? all.filter((t) => t.segmentId === segment.id) : all;
  const reg = findItem(pack, planning.touchpoints) as RegisterItem;
  const options = (col: string) => {
    const c = reg.columns.find((x) => x.id === col);
    return c?.type === "choice" ? c.options : [];
  };
  const requirements = projectData.rows.get(planning.requirements) ?? [];
  const reqLocation = findItem(pack, planning.requirements) ? `/projects/${project.id}/traceability` : null;
  return {
    ...base,
    segments: segments.map((s) => ({ id: s.id, name: s.name })),
    segment: segment?.id ?? null,
    diagram: journeyDiagram(touchpoints, segments, options("stage"), options("channel"), base.lang),
    gaps: touchpoints
      .filter((t) => t.gap)
      .map((t) => {
        const req = requirements.find((r) => Number(r.cells.touchpoint) === t.id);
        return { id: t.id, touchpoint: t.name, gap: t.gap, requirement: req ? String(req.cells.requirement ?? "") : null };
      }),
    reqLocation,
    requirementsLocked: itemLocked(wb, planning.requirements),
  };
}

export async function action(args: Route.ActionArgs) {
  return planningAction(args, "journey", {
    intent: "gap-requirement",
    register: (planning) => planning.requirements,
    run: (wb, requirementsItem, form, locked) => gapToRequirement(wb.db, { projectId: wb.project.id, planning: wb.config, requirementsItem, data: wb.data, form, by: wb.actor, locked }),
  });
}

export function meta({ matches }: Route.MetaArgs) {
  return pageTitle(matches, (t) => [t("nav.journey")]);
}

export default function JourneyPage({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const d = loaderData;
  const [params] = useSearchParams();
  const fallback = actionData as StepActionResult | undefined;
  const segName = d.segments.find((s) => s.id === d.segment)?.name;
  return (
    <div className="stack workbench">
      <header className="section-head">
        <PrintButton />
        <h2 className="page-title">{t("planning.journey.title")}</h2>
        <p className="lead">{t("planning.journey.lead")}</p>
      </header>
      <section className="card workbench-section" aria-labelledby="map-heading">
        <h3 id="map-heading">{segName ? t("planning.journey.mapFor", { segment: segName }) : t("planning.journey.map")}</h3>
        {d.segments.length ? (
          <Form method="get" className="inline-form segment-filter screen-only" preventScrollReset>
            <label htmlFor="segment-filter">{t("planning.journey.segmentFilter")}</label>
            <select id="segment-filter" name="segment" defaultValue={params.get("segment") ?? ""} key={d.segment ?? "all"} onChange={(e) => e.currentTarget.form?.requestSubmit()}>
              <option value="">{t("planning.journey.allSegments")}</option>
              {d.segments.map((s) => <option key={s.id} value={s.id}>{s.name}</option>)}
            </select>
            <button type="submit" className="button small">{t("planning.journey.show")}</button>
          </Form>
        ) : null}
        <div data-testid="journey-map">
          <GeneratedDiagramView diagram={d.diagram} title={segName ? t("planning.journey.mapFor", { segment: segName }) : t("planning.journey.map")} empty={t("planning.journey.empty")} />
        </div>
      </section>
      <section className="card workbench-section" aria-labelledby="gaps-heading">
        <h3 id="gaps-heading">{t("planning.journey.gapsTitle")}</h3>
        <p className="muted">{t("planning.journey.gapsLead")}</p>
        {d.gaps.length ? (
          <ul className="gap-list" data-testid="gaps">
            {d.gaps.map((g) => <GapRow key={g.id} gap={g} canAdd={d.list.canEditRegisters && !d.requirementsLocked} />)}
          </ul>
        ) : (
          <p className="muted">{t("planning.journey.noGaps")}</p>
        )}
        {d.reqLocation ? <p className="screen-only"><Link to={d.reqLocation}>{t("planning.journey.toTraceability")}</Link></p> : null}
      </section>
      <ItemList items={d.items} data={d.list} fallback={fallback} />
    </div>
  );
}

function GapRow({ gap, canAdd }: { gap: { id: number; touchpoint: string; gap: string; requirement: string | null }; canAdd: boolean }) {
  const { t } = useTranslation();
  const fetcher = useFetcher<GapResult>();
  const failed = fetcher.data && !fetcher.data.ok ? fetcher.data : null;
  return (
    <li data-touchpoint={gap.touchpoint}>
      <p>
        <strong dir="auto">{gap.touchpoint}</strong>: <span dir="auto">{gap.gap}</span>
      </p>
      {gap.requirement !== null ? (
        <p className="status-ok small">{t("planning.journey.closedBy", { requirement: gap.requirement })}</p>
      ) : canAdd ? (
        <fetcher.Form method="post" className="inline-form">
          <input type="hidden" name="intent" value="gap-requirement" />
          <input type="hidden" name="touchpointId" value={gap.id} />
          <button type="submit" className="button small" disabled={fetcher.state !== "idle"}>{t("planning.journey.toRequirement")}</button>
          {failed ? <span className="field-error" role="alert">{t(failed.error)}</span> : null}
        </fetcher.Form>
      ) : (
        <p className="status-missing small">{t("planning.journey.open")}</p>
      )}
    </li>
  );
}
