/**
 * What every project page starts from: the project, its pinned methodology
 * pack, its stored answers, and who is asking (their role was checked by the
 * access middleware) — or a 404 when any of it does not exist.
 */
import { data, type RouterContextProvider } from "react-router";
import { getDb } from "#db/client.ts";
import { authContext } from "#app/context.ts";
import { getProject, loadProjectData, packOf } from "./projects.server.ts";
import type { Actor } from "./audit.server.ts";
import { parseId } from "#app/http.server.ts";
import { permissionsOn, type Permission } from "#app/access.ts";

export function requireProjectContext(rawProjectId: string | undefined, context: Readonly<RouterContextProvider>) {
  const auth = context.get(authContext);
  // The middleware sets the role for every project route; without one, nothing is shown.
  if (!auth.user || !auth.role) throw data({ error: "errors.projectNotFound" }, { status: 404 });
  const db = getDb();
  const projectId = parseId(rawProjectId);
  const project = getProject(db, projectId);
  if (!project) throw data({ error: "errors.projectNotFound" }, { status: 404 });
  const pack = packOf(project);
  if (!pack) {
    throw data({ error: "errors.packMissing", pack: `${project.packId} ${project.packVersion}` }, { status: 409 });
  }
  const actor: Actor & { id: number } = { id: auth.user.id, name: auth.user.displayName };
  // An archived project is read-only (decision 047): pages offer only what still works on it.
  const archived = Boolean(project.archivedAt);
  const permissions = permissionsOn(auth.role, archived);
  const may = (permission: Permission) => permissions.includes(permission);
  return { db, project, pack, data: loadProjectData(db, projectId), user: auth.user, role: auth.role, actor, archived, permissions, may };
}

export function requirePhase(pack: ReturnType<typeof requireProjectContext>["pack"], phaseId: string | undefined) {
  const phase = pack.phases.find((p) => p.id === phaseId);
  if (!phase) throw data({ error: "errors.phaseNotFound" }, { status: 404 });
  return phase;
}
