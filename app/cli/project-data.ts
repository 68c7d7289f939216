/**
 * npm run project-data -- export --project <id> --out <file.json>
 * npm run project-data -- import --file <file.json> --as <email>
 *
 * Moves a whole project between installations from the command line, exactly
 * as the Documents tab's "Export project data" and the "Import a project from
 * a file" page do (same file, same checks, same audit entries).
 */
import { COMMAND_LINE_NAME } from "#app/actors.ts";
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { closeDb, getDb } from "#db/client.ts";
import { findUserByEmail } from "#app/domain/auth.server.ts";
import { getProject } from "#app/domain/projects.server.ts";
import { exportProject, importProject, projectFileName, serialiseProjectFile } from "#app/domain/project-transfer.server.ts";
import { translateError } from "#app/components/field.tsx";
import { createI18n } from "#app/i18n.ts";

const USAGE = `Usage:
  npm run project-data -- export --project <id> --out <file.json | folder/>
  npm run project-data -- import --file <file.json> --as <email of an account of this installation>
The import creates a new project; the account given with --as becomes its project manager.`;

function fail(message: string): never {
  console.error(`project-data: ${message}\n\n${USAGE}`);
  process.exit(2);
}

function main() {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { project: { type: "string" }, out: { type: "string" }, file: { type: "string" }, as: { type: "string" }, help: { type: "boolean", default: false } },
    strict: true,
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const [command] = positionals;
  const db = getDb();
  try {
    if (command === "export") {
      const projectId = Number(values.project);
      if (!values.project || !Number.isInteger(projectId) || projectId < 1) fail("--project needs a project id (a whole number)");
      if (!values.out) fail("--out is required");
      if (!getProject(db, projectId)) fail(`there is no project ${projectId}`);
      const file = exportProject(db, projectId, { by: { id: null, name: COMMAND_LINE_NAME, email: null } });
      const target = values.out.endsWith("/") || (fs.existsSync(values.out) && fs.statSync(values.out).isDirectory()) ? path.join(values.out, projectFileName(file)) : values.out;
      fs.mkdirSync(path.dirname(path.resolve(target)), { recursive: true });
      fs.writeFileSync(target, serialiseProjectFile(file));
      console.log(`${target}  (project ${projectId}: ${file.answers.length} answers, ${file.rows.length} register rows, ${file.signoffs.length} sign-off events, ${file.audit.length} history entries)`);
      return;
    }
    if (command === "import") {
      if (!values.file) fail("--file is required");
      if (!values.as) fail("--as needs the email of an account of this installation (it becomes the project manager)");
      const user = findUserByEmail(db, values.as) ?? fail(`there is no account with the email ${values.as} on this installation`);
      if (!fs.existsSync(values.file)) fail(`${values.file} does not exist`);
      const result = importProject(db, fs.readFileSync(values.file), { id: user.id, name: user.displayName, email: user.email }, { fileName: path.basename(values.file) });
      if (!result.ok) {
        console.error(`project-data: the file was not imported, and nothing was changed.\n  ${translateError(createI18n("en").t, "en", result.error)}\n  ${translateError(createI18n("fa").t, "fa", result.error)}`);
        process.exit(1);
      }
      console.log(`Imported as project ${result.projectId}; ${user.displayName} manages it and is its only member.`);
      console.log(`Its sign-offs and history are kept as records imported from "${result.source}", not verified here.`);
      // Everyone the file names, whether or not they have an account here: the answer must not tell which emails do.
      if (result.toInvite.length) console.log(`To invite from its People page: ${result.toInvite.map((p) => `${p.name} <${p.email}> (${p.role})`).join(", ")}`);
      return;
    }
    fail(command ? `unknown command '${command}'` : "say export or import");
  } finally {
    closeDb();
  }
}

main();
