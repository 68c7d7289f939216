import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { tempDatabase } from "#tests/setup/db.ts";
import { seedDemoProject } from "#db/seed-demo.ts";
import { seedEngagement } from "#db/seed-engagement.ts";
import { getPacks } from "#methodology/registry.ts";
import { documentText, malformedParts } from "#tests/setup/docx.ts";

const tsx = path.resolve("node_modules/.bin/tsx");
let env: ReturnType<typeof tempDatabase>;

beforeAll(() => {
  env = tempDatabase();
  seedDemoProject(env.db);
  // Project 2: a go/no-go decision dated after go-live (a contradiction the check must print).
  seedEngagement(env.db, getPacks().get("crm-implementation", "1.0.0")!, {
    project: { name: "Alder & Finch CRM programme", clientOrganisation: "Alder & Finch Appliances Ltd", deliverableLanguage: "en", startDate: "2025-09-01", description: "" },
    people: [{ email: "d.osei@alderfinch.example", displayName: "Daniel Osei", role: "project-manager" }],
    answers: { "deployment.go-decision": "go", "deployment.go-decision-date": "2026-04-22", "deployment.go-live-date": "2026-04-20" },
    rows: {},
  });
  env.db.$client.close();
});
afterAll(() => fs.rmSync(env.dir, { recursive: true, force: true }));

const run = (args: string[]) =>
  spawnSync(tsx, ["app/cli/export.ts", ...args], { encoding: "utf8", env: { ...process.env, DATABASE_PATH: env.file, CHROMIUM_PATH: "/nonexistent/chromium", GAMBEGAM_CACHE_DIR: path.join(env.dir, "cache") } });

describe("npm run export", () => {
  test("writes one deliverable in the language asked for", () => {
    const out = path.join(env.dir, "scope.docx");
    const r = run(["--project", "1", "--deliverable", "scope-document", "--lang", "en", "--out", out]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain("scope-document, en, v1");
    const buf = fs.readFileSync(out);
    expect(malformedParts(buf)).toEqual([]);
    expect(documentText(buf)).toContain("Scope document");
    // The cover names a person (the project's consultant, without --author), never the program.
    expect(documentText(buf)).toContain("Authorلیلا تهرانی");
    expect(documentText(buf)).not.toContain("command line");
  }, 60_000);

  test("--all writes every deliverable of the project into a folder, named by the server", () => {
    const dir = path.join(env.dir, "all");
    const r = run(["--project", "1", "--all", "--out", dir]);
    expect(r.status, r.stderr).toBe(0);
    expect(fs.readdirSync(dir).sort()).toEqual([
      "change-management-plan-شرکت-صنایع-غذایی-مهرگان-v1-fa.docx",
      "go-no-go-شرکت-صنایع-غذایی-مهرگان-v1-fa.docx",
      "post-launch-review-شرکت-صنایع-غذایی-مهرگان-v1-fa.docx",
      "rfp-شرکت-صنایع-غذایی-مهرگان-v1-fa.docx",
      "scope-document-شرکت-صنایع-غذایی-مهرگان-v1-fa.docx",
      "selection-report-شرکت-صنایع-غذایی-مهرگان-v1-fa.docx",
      "vision-minutes-شرکت-صنایع-غذایی-مهرگان-v1-fa.docx",
    ]);
    // A Persian document made from the command line names a person as its author, never the program.
    const text = documentText(fs.readFileSync(path.join(dir, "go-no-go-شرکت-صنایع-غذایی-مهرگان-v1-fa.docx")));
    expect(text).toContain("تهیه‌کنندهلیلا تهرانی");
    expect(text).not.toContain("خط فرمان");
    expect(text).not.toContain("command line");
  }, 60_000);

  test("explains what is wrong with the arguments and exits 2", () => {
    for (const [args, message] of [
      [["--deliverable", "scope-document", "--out", "x.docx"], "--project needs a project id"],
      [["--project", "1", "--deliverable", "minutes", "--out", "x.docx"], "unknown deliverable 'minutes'"],
      [["--project", "1", "--deliverable", "go-no-go", "--lang", "de", "--out", "x.docx"], "--lang must be fa or en"],
      [["--project", "42", "--all", "--out", "x"], "there is no project 42"],
    ] as const) {
      const r = run([...args]);
      expect(r.status).toBe(2);
      expect(r.stderr).toContain(message);
    }
  }, 60_000);

  test("prints the send check before writing: open items and contradictions with the page that fixes each, and still writes (exit 0)", () => {
    const out = path.join(env.dir, "go.docx");
    const r = run(["--project", "2", "--deliverable", "go-no-go", "--out", out]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain("Go/no-go decision record: Contradictions to resolve");
    expect(r.stdout).toContain("The go/no-go decision is dated 22 April 2026, after the go-live date 20 April 2026.");
    expect(r.stdout).toMatch(/\/projects\/2\/phases\/deployment\/steps\/deployment-go-no-go#item-deployment\.go-decision-date/);
    expect(r.stdout).toMatch(/Open items \(\d+\)/);
    expect(r.stdout.indexOf("Contradictions to resolve")).toBeLessThan(r.stdout.indexOf(out));
    expect(fs.existsSync(out)).toBe(true);
    // In Persian for a Persian export.
    const fa = run(["--project", "1", "--deliverable", "vision-minutes", "--lang", "fa", "--out", path.join(env.dir, "v.docx")]);
    expect(fa.stdout).toContain("صورتجلسه کارگاه چشم‌انداز: ");
  }, 60_000);

  test("--strict writes nothing and exits 3 when a deliverable contradicts itself; --draft names the file as a draft", () => {
    const out = path.join(env.dir, "strict.docx");
    const strict = run(["--project", "2", "--deliverable", "go-no-go", "--strict", "--out", out]);
    expect(strict.status).toBe(3);
    expect(strict.stderr).toContain("--strict");
    expect(fs.existsSync(out)).toBe(false);
    const dir = path.join(env.dir, "drafts");
    const draft = run(["--project", "1", "--deliverable", "vision-minutes", "--draft", "--strict", "--out", path.join(dir, "minutes.docx")]);
    expect(draft.status, draft.stderr).toBe(0);
    expect(draft.stdout).toMatch(/vision-minutes, fa, v\d+, draft/);
    const all = run(["--project", "1", "--all", "--draft", "--out", dir]);
    expect(all.status, all.stderr).toBe(0);
    expect(fs.readdirSync(dir).filter((f) => f.endsWith("-fa-draft.docx"))).toHaveLength(7);
  }, 120_000);
});
