/**
 * The health page's concern list as a new user reads it: the selection's
 * success factors (2 and 7) are not "OK" before anything is chosen.
 */
import { describe, expect, it } from "vitest";
import { getPacks } from "#methodology/registry.ts";
import type { ProjectAnswers } from "./project-answers.ts";
import { healthView } from "./health.server.ts";

const pack = getPacks().get("crm-implementation", "1.0.0")!;
const empty = { answers: new Map(), rows: new Map(), state: new Map() } as unknown as ProjectAnswers;
const chosen = { answers: new Map(), rows: new Map([["selection.candidates", [{ id: 1, cells: { name: "Alpha CRM", kind: "product", status: "chosen" } }]]]), state: new Map() } as unknown as ProjectAnswers;

describe("the selection's success factors on the health page", () => {
  it("say 'not yet checked: no product chosen' while no product is chosen, in both languages", () => {
    for (const lang of ["en", "fa"] as const) {
      const v = healthView(pack, 1, empty, lang, new Map())!;
      for (const id of ["factor-2", "factor-7"]) expect(v.concerns.find((c) => c.id === id)!.status).toBe("not-yet");
      expect(v.concerns.find((c) => c.id === "factor-1")!.status).not.toBe("not-yet");
    }
  });
  it("are checked once a product is chosen", () => {
    const v = healthView(pack, 1, chosen, "en", new Map())!;
    expect(v.concerns.find((c) => c.id === "factor-7")!.status).not.toBe("not-yet");
  });
});
