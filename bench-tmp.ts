import fs from "node:fs";
import { buildLargeProject } from "./tests/bench/large-project.ts";
import { benchExports } from "./tests/bench/exports.ts";
const file = "/tmp/structure/large.db";
fs.rmSync(file, { force: true });
const large = buildLargeProject(file);
const r = await benchExports(file, large.projectId, large.pack);
for (const t of r.timings) console.log(`${t.id} ${t.lang} cold ${Math.round(t.coldMs)} warm ${Math.round(t.warmMs)} ${Math.round(t.bytes / 1024)}kB`);
