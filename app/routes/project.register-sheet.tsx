import { data } from "react-router";
import type { Route } from "./+types/project.register-sheet";
import { requireProjectContext } from "#app/domain/project-context.server.ts";
import { contentDisposition } from "#app/domain/deliverables.server.ts";
import { getPreferences } from "#app/domain/preferences.server.ts";
import { buildRegisterCsv, buildRegisterXlsx } from "#app/domain/register-sheet.server.ts";
import { findRegister, refLabelsFor } from "#app/domain/register-sheet.ts";
import { sheetFileName, XLSX_TYPE } from "#app/domain/register-import.server.ts";
import { isLanguage } from "#app/i18n.ts";

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
  const rawLang = url.searchParams.get("lang");
  if (rawLang !== null && !isLanguage(rawLang)) throw data({ error: "errors.badForm" }, { status: 400 });
  const lang = rawLang ?? (await getPreferences(request)).lang;
  const rowsOf = (id: string) => projectData.rows.get(id) ?? [];
  const exportedAt = new Date();
  const input = { project: { id: project.id, name: project.name }, pack, item, rows: [...rowsOf(item.id)], lang, exportedAt, refLabels: refLabelsFor(pack, item, rowsOf, lang) };
  const fileName = sheetFileName(project.name, item.title[lang], exportedAt, format);
  const headers = { "Content-Disposition": contentDisposition(fileName), "Cache-Control": "private, no-store" };
  if (format === "csv") {
    const body = Buffer.from(`\uFEFF${buildRegisterCsv(input)}`, "utf8");
    return new Response(new Uint8Array(body), { headers: { ...headers, "Content-Type": "text/csv; charset=utf-8", "Content-Length": String(body.length) } });
  }
  const buffer = await buildRegisterXlsx(input);
  return new Response(new Uint8Array(buffer), { headers: { ...headers, "Content-Type": XLSX_TYPE, "Content-Length": String(buffer.length) } });
}
