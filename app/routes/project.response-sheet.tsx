import { data } from "react-router";
import type { Route } from "./+types/project.response-sheet";
import { requireProjectContext } from "#app/domain/project-context.server.ts";
import { downloadLanguage, fileResponse, responseSheetFileName, XLSX_TYPE } from "#app/domain/downloads.server.ts";
import { buildResponseSheet } from "#app/domain/response-sheet.server.ts";
import { responseSheetInput } from "#app/views/selection-views.ts";
import { parseId } from "#app/http.server.ts";


/**
 * The RFP's response sheet as an Excel workbook: blank, or issued to one
 * product candidate (`?vendor=<row id>`), in the project's deliverable
 * language unless `?lang=` asks for the other. Records nothing, so a GET.
 */
export async function loader({ params, request, context }: Route.LoaderArgs) {
  const { project, pack, data: projectData } = requireProjectContext(params.projectId, context);
  const url = new URL(request.url);
  const lang = await downloadLanguage(request, project.deliverableLanguage);
  const rawVendor = url.searchParams.get("vendor");
  const vendorRowId = rawVendor === null || rawVendor === "" ? null : parseId(rawVendor);
  const input = responseSheetInput(pack, project, projectData, lang, vendorRowId);
  if (!input) throw data({ error: "selection.errors.noVendor" }, { status: 404 });
  if (input.requirements.length === 0) throw data({ error: "selection.errors.noRequirements" }, { status: 409 });
  const buffer = await buildResponseSheet(input);
  return fileResponse(buffer, XLSX_TYPE, responseSheetFileName(project.name, input.vendor?.name ?? null, lang));
}
