import { data } from "react-router";
import type { Route } from "./+types/project.register-sheet";
import { requireProjectContext } from "#app/domain/project-context.server.ts";
import { downloadLanguage, fileResponse, sheetFileName, XLSX_TYPE } from "#app/domain/downloads.server.ts";
import { buildRegisterCsv, buildRegisterXlsx, findRegister, refLabelsFor } from "#app/domain/register-sheet.server.ts";

/**
 * One register as a spreadsheet (decision 044/045): `?format=xlsx` (default) or
 * `csv` (UTF-8 with a byte-order mark, so Excel reads Persian), in the reader's
 * language unless `?lang=` asks for the other. Whoever may view the register
 * may take it away; records nothing, so a GET.
 */
export async function loader({ params, request, context }: Route.LoaderArgs) {
  const { project, pack, data: projectData } = requireProjectContext(params.projectId, context);
  const item = findRegister(pack, params.itemId ?? "");
  if (!item) throw data({ error: "errors.notFound" }, { status: 404 });
  const url = new URL(request.url);
  const format = url.searchParams.get("format") ?? "xlsx";
  if (format !== "xlsx" && format !== "csv") throw data({ error: "errors.badForm" }, { status: 400 });
  const lang = await downloadLanguage(request);
  const rowsOf = (id: string) => projectData.rows.get(id) ?? [];
  const exportedAt = new Date();
  const input = { project: { id: project.id, name: project.name }, pack, item, rows: [...rowsOf(item.id)], lang, exportedAt, refLabels: refLabelsFor(pack, item, rowsOf, lang) };
  const fileName = sheetFileName(project.name, item.title[lang], exportedAt, format);
  if (format === "csv") return fileResponse(Buffer.from(`\uFEFF${buildRegisterCsv(input)}`, "utf8"), "text/csv; charset=utf-8", fileName);
  return fileResponse(await buildRegisterXlsx(input), XLSX_TYPE, fileName);
}
