import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { tempDatabase } from "#tests/setup/db.ts";
import { seedDemoProject } from "#db/seed-demo.ts";
import { openDatabase } from "#db/client.ts";
import { insertUser } from "#app/domain/auth.server.ts";

const tsx = path.resolve("node_modules/.bin/tsx");
let laptop: ReturnType<typeof tempDatabase>;
let other: ReturnType<typeof tempDatabase>;

beforeAll(() => {
  laptop = tempDatabase();
  seedDemoProject(laptop.db);
  laptop.db.$client.close();
  other = tempDatabase();
  insertUser(other.db, { email: "l.tehrani@arman.example", displayName: "Leila Tehrani" }, "not-a-real-password-hash");
  other.db.$client.close();
});
afterAll(() => {
  fs.rmSync(laptop.dir, { recursive: true, force: true });
  fs.rmSync(other.dir, { recursive: true, force: true });
});

const run = (database: string, args: string[]) => spawnSync(tsx, ["app/cli/project-data.ts", ...args], { encoding: "utf8", env: { ...process.env, DATABASE_PATH: database } });

describe("npm run project-data", () => {
  test("export on one installation, import on another: a new project managed by the account named", () => {
    const r = run(laptop.file, ["export", "--project", "1", "--out", `${laptop.dir}/`]);
    expect(r.status, r.stderr).toBe(0);
    const [name] = fs.readdirSync(laptop.dir).filter((n) => n.endsWith(".json"));
    expect(name).toMatch(/^project-data-شرکت-صنایع-غذایی-مهرگان-\d{4}-\d{2}-\d{2}\.json$/);
    const file = path.join(laptop.dir, name!);
    expect(JSON.parse(fs.readFileSync(file, "utf8"))).toMatchObject({ format: "gambegam-project", exportedBy: null });

    const imported = run(other.file, ["import", "--file", file, "--as", "L.Tehrani@arman.example"]);
    expect(imported.status, imported.stderr).toBe(0);
    expect(imported.stdout).toContain("Imported as project 1; Leila Tehrani manages it and is its only member.");
    expect(imported.stdout).toContain(`Its sign-offs and history are kept as records imported from "${name}", not verified here.`);
    expect(imported.stdout).toContain("To invite from its People page: سارا احمدی <s.ahmadi@mehregan.example> (project-manager)");
    const db = openDatabase(other.file);
    try {
      expect(db.$client.prepare("select count(*) as n from users").get()).toEqual({ n: 1 });
      expect(db.$client.prepare("select count(*) as n from register_rows where project_id = 1").get()).toEqual({ n: JSON.parse(fs.readFileSync(file, "utf8")).rows.length });
    } finally {
      db.$client.close();
    }
  }, 60_000);

  test("a refused file: the reason in English and Persian, exit 1, nothing written; bad arguments exit 2", () => {
    const newer = path.join(other.dir, "newer.json");
    fs.writeFileSync(newer, JSON.stringify({ format: "gambegam-project", formatVersion: 9 }));
    const r = run(other.file, ["import", "--file", newer, "--as", "l.tehrani@arman.example"]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("This file was written by a newer Gambegam (project file format 9); this installation reads format 1.");
    expect(r.stderr).toContain("قالب فایل پروژه ۹");
    const db = openDatabase(other.file);
    try {
      expect(db.$client.prepare("select count(*) as n from projects").get()).toEqual({ n: 1 });
    } finally {
      db.$client.close();
    }
    expect(run(other.file, ["import", "--file", newer, "--as", "nobody@example.org"]).stderr).toContain("there is no account with the email nobody@example.org");
    expect(run(other.file, ["export", "--project", "7", "--out", "x.json"]).status).toBe(2);
    expect(run(other.file, ["copy"]).status).toBe(2);
  }, 60_000);
});
