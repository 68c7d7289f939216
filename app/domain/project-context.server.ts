/**
 * What every project page starts from: the project, its pinned methodology
 * pack and its stored answers — or a 404 when any of it does not exist.
 */
import { data } from "react-router";
import { getDb } from "#db/client.ts";
import { getProject, loadProjectData, packOf } from "./projects.server.ts";
import { parseId } from "#app/http.server.ts";

export function requireProjectContext(rawProjectId: string | undefined) {
  const db = getDb();
  const projectId = parseId(rawProjectId);
  const project = getProject(db, projectId);
  if (!project) throw data({ error: "errors.projectNotFound" }, { status: 404 });
  const pack = packOf(project);
  if (!pack) {
    throw data({ error: "errors.packMissing", pack: `${project.packId} ${project.packVersion}` }, { status: 409 });
  }
  return { db, project, pack, data: loadProjectData(db, projectId) };
}

export function requirePhase(pack: ReturnType<typeof requireProjectContext>["pack"], phaseId: string | undefined) {
  const phase = pack.phases.find((p) => p.id === phaseId);
  if (!phase) throw data({ error: "errors.phaseNotFound" }, { status: 404 });
  return phase;
}
