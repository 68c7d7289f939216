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
