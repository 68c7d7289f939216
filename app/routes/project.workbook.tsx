import type { Route } from "./+types/project.workbook";
import { requireProjectContext } from "#app/domain/project-context.server.ts";
import { downloadLanguage, fileResponse, sheetFileName, XLSX_TYPE } from "#app/domain/downloads.server.ts";
import { buildProjectWorkbook, packRegisters } from "#app/domain/register-sheet.server.ts";

/**
 * Every register of the project in one Excel workbook, a sheet each (decision
 * 044), in the reader's language unless `?lang=` asks for the other. Whoever
 * may view the project may take it away; records nothing, so a GET.
 */
export async function loader({ params, request, context }: Route.LoaderArgs) {
  const { project, pack, data: projectData } = requireProjectContext(params.projectId, context);
  const lang = await downloadLanguage(request);
  const exportedAt = new Date();
  const registers = packRegisters(pack).map((item) => ({ item, rows: [...(projectData.rows.get(item.id) ?? [])] }));
  const buffer = await buildProjectWorkbook({ project: { id: project.id, name: project.name }, pack, registers, lang, exportedAt });
  return fileResponse(buffer, XLSX_TYPE, sheetFileName(project.name, lang === "fa" ? "جدول‌ها" : "Registers", exportedAt, "xlsx"));
}
