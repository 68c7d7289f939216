/**
 * "Print every row" (decision 048, amended): `print.<itemId>=all` asks for a register's every row
 * in the printed copy; anything else in that parameter is ignored, never an error.
 */
import { expect, test } from "vitest";
import { printAllParam, printsAllRows } from "./register-pages.ts";

const search = (q: string) => new URLSearchParams(q);

test("print.<itemId>=all asks for every row of that register, and only that register", () => {
  expect(printAllParam("vision.decisions")).toBe("print.vision.decisions");
  expect(printsAllRows(search("print.vision.decisions=all"), "vision.decisions")).toBe(true);
  expect(printsAllRows(search("page.vision.decisions=3&print.vision.decisions=all"), "vision.decisions")).toBe(true);
  expect(printsAllRows(search("print.vision.decisions=all"), "requirements.risks")).toBe(false);
});

test("anything but 'all' is ignored", () => {
  for (const q of ["", "print.vision.decisions=", "print.vision.decisions=ALL", "print.vision.decisions=bogus", "print.vision.decisions=1", "print.vision.decisions=all%00", "print.vision.decisions=%20all", "print=all", "print.vision.decisions"])
    expect(printsAllRows(search(q), "vision.decisions"), q).toBe(false);
});
