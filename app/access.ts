/**
 * Who may do what — defined once, here.
 *
 * ROLE_PERMISSIONS says what each project role may do. ROUTE_ACCESS says what
 * every route's loader and action require. The root middleware
 * (`domain/guard.server.ts`) enforces ROUTE_ACCESS on every request before
 * any loader or action runs; the permission-table test walks both tables
 * over HTTP and fails when a route exists without an entry here.
 *
 * Shared by server and browser: the UI asks `can()` to hide what a role may
 * not do, but only the middleware decides.
 */
import { PROJECT_ROLES, type ProjectRole } from "#db/roles.ts";

export { PROJECT_ROLES, type ProjectRole };

export const PERMISSIONS = [
  "view",
  "answer",
  "edit-registers",
  "manage-members",
  "request-signoff",
  "sign-off",
  "export",
  "manage-documents",
  "adjust-method",
  "run-workshop",
  "archive",
] as const;
export type Permission = (typeof PERMISSIONS)[number];

/**
 * The executive sponsor signs but does not edit what they sign; the project
 * manager edits and requests sign-off but cannot sign their own work.
 * `request-signoff` also covers withdrawing a request and reopening a phase.
 * `export` downloads the Word deliverables and the project's data (JSON);
 * `manage-documents` sets a
 * project's own branding for them. `adjust-method` sets the project's own
 * thresholds of the method (decision 035): the people who run the method.
 * `run-workshop` starts and runs a workshop session on a step and adopts its
 * results (decision 039): the people who facilitate.
 * `archive` archives the project and restores it (decision 047): the project
 * manager. Deleting a project is an administrator's (the `admin` requirement),
 * not a project role's.
 */
export const ROLE_PERMISSIONS: Record<ProjectRole, readonly Permission[]> = {
  "project-manager": ["view", "answer", "edit-registers", "manage-members", "request-signoff", "export", "manage-documents", "adjust-method", "run-workshop", "archive"],
  consultant: ["view", "answer", "edit-registers", "export", "manage-documents", "adjust-method", "run-workshop"],
  "executive-sponsor": ["view", "sign-off", "export"],
  "team-member": ["view", "answer", "edit-registers"],
  viewer: ["view"],
};

export function can(role: ProjectRole | null | undefined, permission: Permission): boolean {
  return Boolean(role && ROLE_PERMISSIONS[role].includes(permission));
}

/**
 * What still works on an archived project (decision 047): reading it, taking
 * its documents and data away, and restoring it. Every other action on it is
 * refused with 409 by the access middleware, whatever the route.
 */
export const ARCHIVED_PERMISSIONS: readonly Permission[] = ["view", "export", "archive"];

/** A role's permissions on a project as it is now: an archived project's are cut to ARCHIVED_PERMISSIONS. */
export function permissionsOn(role: ProjectRole | null | undefined, archived: boolean): readonly Permission[] {
  if (!role) return [];
  return archived ? ROLE_PERMISSIONS[role].filter((p) => ARCHIVED_PERMISSIONS.includes(p)) : ROLE_PERMISSIONS[role];
}

/**
 * - `public`: anyone, signed in or not.
 * - `signed-in`: any signed-in user (otherwise: redirect to the sign-in page).
 * - `admin`: an administrator (otherwise 403).
 * - `{ project }`: a member of the project in the URL with that permission;
 *   a non-member gets 404 (so project names do not leak), a member without
 *   the permission 403.
 */
export type Requirement = "public" | "signed-in" | "admin" | { project: Permission };

export type RouteAccess = {
  loader: Requirement;
  /** One requirement for the action, or one per form `intent`. Absent: the route has no action. */
  action?: Requirement | { intents: Record<string, Requirement> };
};

const stepIntents = {
  answer: { project: "answer" },
  "row-add": { project: "edit-registers" },
  "row-suggest": { project: "edit-registers" },
  "row-save": { project: "edit-registers" },
  "row-delete": { project: "edit-registers" },
  "row-move": { project: "edit-registers" },
} as const satisfies Record<string, Requirement>;

/**
 * A route's pattern as the tables here key it: React Router reports it to
 * middleware with or without its leading slash ("projects/:projectId").
 */
export function routeKey(pattern: string): string {
  return `/${pattern.replace(/^\/+/, "")}`;
}

/** Keyed by route pattern (routeKey), as React Router reports it to middleware. */
export const ROUTE_ACCESS: Record<string, RouteAccess> = {
  "/": { loader: "public" },
  "/setup": { loader: "public", action: "public" },
  "/login": { loader: "public", action: "public" },
  "/logout": { loader: "public", action: "public" },
  "/account": { loader: "signed-in", action: "signed-in" },
  "/invitations/:token": { loader: "public", action: "public" },
  "/reset/:token": { loader: "public", action: "public" },
  "/admin/users": { loader: "admin", action: "admin" },
  "/admin/branding": { loader: "admin", action: "admin" },
  "/admin/audit": { loader: "admin" },
  // Every email the app sent or would send (decision 046): its links are capabilities, so administrators only.
  "/admin/outbox": { loader: "admin" },
  "/preferences": { loader: "public", action: "public" },
  "/health": { loader: "public" },
  "/projects": { loader: "signed-in" },
  "/projects/new": { loader: "signed-in", action: "signed-in" },
  // Anyone signed in may start a project, so anyone signed in may import one (they become its manager).
  "/projects/import": { loader: "signed-in", action: "signed-in" },
  "/projects/:projectId": { loader: { project: "view" } },
  "/projects/:projectId/team": { loader: { project: "view" } },
  "/projects/:projectId/strategy": { loader: { project: "view" }, action: { intents: stepIntents } },
  "/projects/:projectId/journey": { loader: { project: "view" }, action: { intents: { ...stepIntents, "gap-requirement": { project: "edit-registers" } } } },
  "/projects/:projectId/prioritisation": { loader: { project: "view" }, action: { intents: { ...stepIntents, scores: { project: "edit-registers" } } } },
  "/projects/:projectId/roadmap": { loader: { project: "view" }, action: { intents: stepIntents } },
  "/projects/:projectId/traceability": { loader: { project: "view" } },
  "/projects/:projectId/health": { loader: { project: "view" } },
  "/projects/:projectId/change-management": { loader: { project: "view" }, action: { intents: stepIntents } },
  "/projects/:projectId/post-launch-review": { loader: { project: "view" }, action: { intents: stepIntents } },
  // Importing a vendor's response sheet and scoring demos write registers of the selection phase.
  "/projects/:projectId/selection": {
    loader: { project: "view" },
    action: { intents: { ...stepIntents, import: { project: "edit-registers" }, "demo-scores": { project: "edit-registers" } } },
  },
  // The response sheet is a file taken away, like the documents: the roles that may export.
  "/projects/:projectId/selection/response-sheet": { loader: { project: "export" } },
  "/projects/:projectId/history": { loader: { project: "view" } },
  "/projects/:projectId/method-settings": {
    loader: { project: "view" },
    action: { intents: { "threshold-save": { project: "adjust-method" }, "threshold-reset": { project: "adjust-method" } } },
  },
  "/projects/:projectId/members": {
    loader: { project: "view" },
    action: {
      intents: {
        invite: { project: "manage-members" },
        "invite-row": { project: "manage-members" },
        revoke: { project: "manage-members" },
        "change-role": { project: "manage-members" },
        remove: { project: "manage-members" },
      },
    },
  },
  "/projects/:projectId/documents": {
    loader: { project: "view" },
    action: { intents: { "branding-save": { project: "manage-documents" }, "branding-reset": { project: "manage-documents" } } },
  },
  // Downloads that record something (a document version, an audit entry) are POSTs from the
  // Documents page; a GET answers 405 and records nothing (decision 018).
  "/projects/:projectId/documents/:deliverable/download": { loader: { project: "export" }, action: { intents: { download: { project: "export" } } } },
  // The whole project as JSON: the roles that may take its documents away may take its data.
  "/projects/:projectId/export": { loader: { project: "export" }, action: { intents: { export: { project: "export" } } } },
  "/projects/:projectId/phases/:phaseId": {
    loader: { project: "view" },
    action: {
      intents: {
        request: { project: "request-signoff" },
        withdraw: { project: "request-signoff" },
        reopen: { project: "request-signoff" },
        approve: { project: "sign-off" },
        reject: { project: "sign-off" },
      },
    },
  },
  "/projects/:projectId/phases/:phaseId/steps/:stepId": { loader: { project: "view" }, action: { intents: stepIntents } },
  // Spreadsheets (decision 045): whoever may view a register may download it (and the whole project's
  // workbook); whoever may edit it may import one — upload, preview, confirm or cancel.
  "/projects/:projectId/registers/:itemId/sheet": { loader: { project: "view" } },
  "/projects/:projectId/workbook": { loader: { project: "view" } },
  "/projects/:projectId/registers/:itemId/import": {
    loader: { project: "edit-registers" },
    action: { intents: { upload: { project: "edit-registers" }, confirm: { project: "edit-registers" }, cancel: { project: "edit-registers" } } },
  },
  // Live changes and presence (Server-Sent Events): whoever may read the project.
  "/projects/:projectId/live": { loader: { project: "view" } },
  // Workshop sessions (decision 039): the facilitator starts and runs them; any member may watch the
  // projector (it shows what the room sees). The phone pages are public: the code or the join link is
  // the capability, and the participant's cookie (checked by the route) names the one session it holds.
  "/projects/:projectId/workshops": { loader: { project: "run-workshop" }, action: { intents: { start: { project: "run-workshop" } } } },
  "/projects/:projectId/workshops/:sessionId": {
    loader: { project: "run-workshop" },
    action: {
      intents: Object.fromEntries(
        ["add", "open", "close", "reveal", "hide", "merge", "adopt", "remove", "end"].map((i) => [i, { project: "run-workshop" }]),
      ) as Record<string, Requirement>,
    },
  },
  "/projects/:projectId/workshops/:sessionId/projector": { loader: { project: "view" } },
  // Archiving and restoring (decision 047): the project manager, after confirming.
  "/projects/:projectId/archive": { loader: { project: "archive" }, action: { intents: { archive: { project: "archive" }, restore: { project: "archive" } } } },
  // Deleting a project is an administrator's, member or not; its data export is offered on the same page.
  "/projects/:projectId/delete": { loader: "admin", action: { intents: { delete: "admin" } } },
  "/projects/:projectId/delete/export": { loader: "admin", action: { intents: { export: "admin" } } },
  // Every project of the installation, archived ones too, for the administrator who deletes one.
  "/admin/projects": { loader: "admin" },
  "/w": { loader: "public", action: "public" },
  "/w/:token": { loader: "public", action: "public" },
  "/w/:token/events": { loader: "public" },
  "/*": { loader: "public", action: "public" },
};

/**
 * What a request needs. A route without an action, or an intent the route
 * does not know, is checked against the loader's requirement first (so a
 * non-member still gets 404) and then refused with `refuse`.
 */
export function requirementFor(pattern: string, method: string, intent: string | null): { requirement: Requirement; refuse?: 400 | 405 } | null {
  const entry = ROUTE_ACCESS[pattern];
  if (!entry) return null;
  if (method === "GET" || method === "HEAD") return { requirement: entry.loader };
  if (!entry.action) return { requirement: entry.loader, refuse: 405 };
  if (typeof entry.action === "object" && "intents" in entry.action) {
    const byIntent = intent !== null && Object.hasOwn(entry.action.intents, intent) ? entry.action.intents[intent] : undefined;
    return byIntent ? { requirement: byIntent } : { requirement: entry.loader, refuse: 400 };
  }
  return { requirement: entry.action };
}
