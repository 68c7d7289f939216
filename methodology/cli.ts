/**
 * npm run methodology -- [--json] [--dir <packs folder>]...
 * Prints the methodology packs: as JSON (every phase, step and item with id, kind,
 * Persian and English text and source) or as a readable outline.
 */
import { BUILT_IN_PACKS_DIR, MethodologyError, loadPacks } from "./load.ts";
import { packsDirsFromEnv } from "./registry.ts";
import type { Item, Pack } from "./schema.ts";

function itemToJson(item: Item) {
  const { id, kind, title, guidance, source, tags } = item;
  const base = { id, kind, fa: title.fa, en: title.en, guidance, source, tags };
  switch (item.kind) {
    case "question":
      return { ...base, required: item.required, answer: item.answer };
    case "checklist":
      return { ...base, required: item.required };
    case "rating":
      return { ...base, required: item.required, min: item.min, max: item.max, minLabel: item.minLabel, maxLabel: item.maxLabel };
    case "register":
      return { ...base, required: item.required, minRows: item.minRows, columns: item.columns, suggestions: item.suggestions };
    case "diagram":
      return { ...base, required: item.required, templates: item.templates };
    case "info":
      return { ...base, body: item.body, tone: item.tone };
  }
}

export function packToJson(p: Pack) {
  return {
    id: p.id,
    version: p.version,
    title: p.title,
    description: p.description,
    sources: p.sources,
    team: p.team,
    changeManagement: p.changeManagement,
    postLaunchReview: p.postLaunchReview,
    phases: p.phases.map((ph) => ({
      id: ph.id,
      fa: ph.title.fa,
      en: ph.title.en,
      summary: ph.summary,
      source: ph.source,
      steps: ph.steps.map((st) => ({ id: st.id, fa: st.title.fa, en: st.title.en, intro: st.intro, items: st.items.map(itemToJson) })),
    })),
  };
}

function outline(p: Pack): string {
  const lines = [`${p.id} ${p.version} — ${p.title.en} / ${p.title.fa}`];
  for (const ph of p.phases) {
    lines.push(`  phase ${ph.id}: ${ph.title.en} / ${ph.title.fa}`);
    for (const st of ph.steps) {
      lines.push(`    step ${st.id}: ${st.title.en}`);
      for (const it of st.items) {
        const req = "required" in it && it.required ? " *" : "";
        lines.push(`      ${it.kind.padEnd(9)} ${it.id}${req} — ${it.title.en}  [${it.source}]`);
      }
    }
  }
  return lines.join("\n");
}

const args = process.argv.slice(2);
const dirs = [BUILT_IN_PACKS_DIR, ...packsDirsFromEnv()];
for (let i = 0; i < args.length; i++) if (args[i] === "--dir" && args[i + 1]) dirs.push(args[++i]!);
try {
  const registry = loadPacks(dirs);
  if (args.includes("--json")) {
    process.stdout.write(JSON.stringify({ packs: registry.packs.map(packToJson) }, null, 2) + "\n");
  } else {
    for (const p of registry.packs) console.log(outline(p) + "\n");
  }
} catch (error) {
  if (error instanceof MethodologyError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}
