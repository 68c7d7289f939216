import { data } from "react-router";
import type { Route } from "./+types/project.response-sheet";
import { requireProjectContext } from "#app/domain/project-context.server.ts";
import { contentDisposition } from "#app/domain/deliverables.server.ts";
import { buildResponseSheet } from "#app/domain/response-sheet.server.ts";
import { responseSheetFileName, responseSheetInput } from "#app/views/selection-views.ts";
import { parseId } from "#app/http.server.ts";
import type { Language } from "#methodology/schema.ts";

export const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/**
 * The RFP's response sheet as an Excel workbook: blank, or issued to one
 * product candidate (`?vendor=<row id>`), in the project's deliverable
 * language unless `?lang=` asks for the other. Records nothing, so a GET.
 */
export async function loader({ params, request, context }: Route.LoaderArgs) {
  const { project, pack, data: projectData } = requireProjectContext(params.projectId, context);
  const url = new URL(request.url);
  const rawLang = url.searchParams.get("lang");
  if (rawLang !== null && rawLang !== "fa" && rawLang !== "en") throw data({ error: "errors.badForm" }, { status: 400 });
  const lang: Language = rawLang ?? project.deliverableLanguage;
  const rawVendor = url.searchParams.get("vendor");
  const vendorRowId = rawVendor === null || rawVendor === "" ? null : parseId(rawVendor);
  const input = responseSheetInput(pack, project, projectData, lang, vendorRowId);
  if (!input) throw data({ error: "selection.errors.noVendor" }, { status: 404 });
  if (input.requirements.length === 0) throw data({ error: "selection.errors.noRequirements" }, { status: 409 });
  const buffer = await buildResponseSheet(input);
  return new Response(new Uint8Array(buffer), {
    headers: {
      "Content-Type": XLSX_TYPE,
      "Content-Disposition": contentDisposition(responseSheetFileName(project.name, input.vendor?.name ?? null, lang)),
      "Content-Length": String(buffer.length),
      "Cache-Control": "private, no-store",
    },
  });
}
