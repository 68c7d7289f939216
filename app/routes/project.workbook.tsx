import { data } from "react-router";
import type { Route } from "./+types/project.workbook";
import { requireProjectContext } from "#app/domain/project-context.server.ts";
import { contentDisposition } from "#app/domain/deliverables.server.ts";
import { getPreferences } from "#app/domain/preferences.server.ts";
import { buildProjectWorkbook } from "#app/domain/register-sheet.server.ts";
import { packRegisters } from "#app/domain/register-sheet.ts";
import { sheetFileName, XLSX_TYPE } from "#app/domain/register-import.server.ts";
import { isLanguage } from "#app/i18n.ts";

/**
 * Every register of the project in one Excel workbook, a sheet each (decision
 * 044), in the reader's language unless `?lang=` asks for the other. Whoever
 * may view the project may take it away; records nothing, so a GET.
 */
export async function loader({ params, request, context }: Route.LoaderArgs) {
  const { project, pack, data: projectData } = requireProjectContext(params.projectId, context);
  const rawLang = new URL(request.url).searchParams.get("lang");
  if (rawLang !== null && !isLanguage(rawLang)) throw data({ error: "errors.badForm" }, { status: 400 });
  const lang = rawLang ?? (await getPreferences(request)).lang;
  const exportedAt = new Date();
  const registers = packRegisters(pack).map((item) => ({ item, rows: [...(projectData.rows.get(item.id) ?? [])] }));
  const buffer = await buildProjectWorkbook({ project: { id: project.id, name: project.name }, pack, registers, lang, exportedAt });
  return new Response(new Uint8Array(buffer), {
    headers: {
      "Content-Type": XLSX_TYPE,
      "Content-Disposition": contentDisposition(sheetFileName(project.name, lang === "fa" ? "جدول‌ها" : "Registers", exportedAt, "xlsx")),
      "Content-Length": String(buffer.length),
      "Cache-Control": "private, no-store",
    },
  });
}
