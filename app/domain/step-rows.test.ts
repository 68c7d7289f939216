/**
 * A register row says who changed it (issue 19, known gap): the page's rows
 * carry each row's own last changer, so "X saved a change to this while you
 * were editing it" names the person who changed that row, not whoever last
 * changed another row of the register.
 */
import { expect, test } from "vitest";
import { demoProjectDatabase } from "#tests/setup/demo-project.ts";
import { allItems } from "#methodology/load.ts";
import type { RegisterItem } from "#methodology/schema.ts";
import { addRow, updateRow } from "./answers.server.ts";
import { loadProjectData } from "./projects.server.ts";
import { itemStates } from "./step.server.ts";

const { db, projectId, pack } = demoProjectDatabase();

test("each row of a register on the page names its own last changer", () => {
  const { item, step } = allItems(pack).find((x) => x.item.id === "requirements.risks")! as { item: RegisterItem; step: Parameters<typeof itemStates>[1] };
  const first = addRow(db, { projectId, item, raw: { risk: "Data migration slips" }, by: { id: null, name: "Neda Karimi" } });
  const second = addRow(db, { projectId, item, raw: { risk: "Key users leave" }, by: { id: null, name: "Reza Tavakoli" } });
  if (first.status !== "saved" || second.status !== "saved") throw new Error("rows not added");
  const r = updateRow(db, { projectId, item, rowId: first.rowId!, raw: { risk: "Data migration slips a month" }, baseVersion: first.version, by: { id: null, name: "Mina Sadeghi" } });
  expect(r.status).toBe("saved");
  const rows = itemStates(pack, step, loadProjectData(db, projectId)).rows[item.id]!;
  // Reza changed the register last; the first row was changed by Mina.
  expect(rows.find((x) => x.id === first.rowId)?.updatedBy).toBe("Mina Sadeghi");
  expect(rows.find((x) => x.id === second.rowId)?.updatedBy).toBe("Reza Tavakoli");
});

test("a register longer than a page sends its every row for print only when the URL asks (print.<id>=all), and its screen page stays 25 rows", () => {
  const { item, step } = allItems(pack).find((x) => x.item.id === "vision.decisions")! as { item: RegisterItem; step: Parameters<typeof itemStates>[1] };
  const before = loadProjectData(db, projectId).rows.get(item.id)?.length ?? 0;
  for (let i = before; i < 30; i++) addRow(db, { projectId, item, raw: { decision: `Decision ${i + 1}` }, by: { id: null, name: "Neda Karimi" } });
  const data = loadProjectData(db, projectId);
  const total = data.rows.get(item.id)!.length;
  const plain = itemStates(pack, step, data, new URLSearchParams("page.vision.decisions=2"));
  expect(plain.rows[item.id]).toHaveLength(total - 25);
  expect("printRows" in plain, "nothing extra without the parameter").toBe(false);
  const bogus = itemStates(pack, step, data, new URLSearchParams("print.vision.decisions=bogus"));
  expect("printRows" in bogus).toBe(false);
  const all = itemStates(pack, step, data, new URLSearchParams("print.vision.decisions=all"));
  expect(all.rows[item.id]).toHaveLength(25);
  expect(all.printRows?.[item.id]).toHaveLength(total);
  expect(all.printRows?.[item.id]?.at(-1)?.id).toBe(data.rows.get(item.id)!.at(-1)!.id);
});
