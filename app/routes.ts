import { type RouteConfig, index, route } from "@react-router/dev/routes";

// Every route here needs an entry in ROUTE_ACCESS (app/access.ts); the
// permission-table test fails when one is missing.
export default [
  index("routes/index.tsx"),
  route("setup", "routes/setup.tsx"),
  route("login", "routes/login.tsx"),
  route("logout", "routes/logout.tsx"),
  route("account", "routes/account.tsx"),
  route("invitations/:token", "routes/invitation.tsx"),
  route("reset/:token", "routes/reset.tsx"),
  route("admin/users", "routes/admin.users.tsx"),
  route("admin/branding", "routes/admin.branding.tsx"),
  route("admin/audit", "routes/admin.audit.tsx"),
  route("admin/outbox", "routes/admin.outbox.tsx"),
  route("admin/projects", "routes/admin.projects.tsx"),
  route("projects", "routes/projects.tsx"),
  route("projects/new", "routes/projects.new.tsx"),
  route("projects/import", "routes/projects.import.tsx"),
  route("projects/:projectId", "routes/project.tsx", [
    index("routes/project.home.tsx"),
    route("team", "routes/project.team.tsx"),
    route("strategy", "routes/project.strategy.tsx"),
    route("journey", "routes/project.journey.tsx"),
    route("prioritisation", "routes/project.prioritisation.tsx"),
    route("roadmap", "routes/project.roadmap.tsx"),
    route("traceability", "routes/project.traceability.tsx"),
    route("health", "routes/project.health.tsx"),
    route("change-management", "routes/project.change.tsx"),
    route("post-launch-review", "routes/project.review.tsx"),
    route("selection", "routes/project.selection.tsx"),
    route("members", "routes/project.members.tsx"),
    route("history", "routes/project.history.tsx"),
    route("method-settings", "routes/project.method-settings.tsx"),
    route("documents", "routes/project.documents.tsx"),
    route("phases/:phaseId", "routes/project.phase.tsx"),
    route("phases/:phaseId/steps/:stepId", "routes/project.step.tsx"),
    // Importing a register from a spreadsheet: upload, preview, confirm (decision 045).
    route("registers/:itemId/import", "routes/project.register-import.tsx"),
    route("archive", "routes/project.archive.tsx"),
  ]),
  // Resource routes: one register as .xlsx or .csv, and every register in one workbook (decision 045).
  route("projects/:projectId/registers/:itemId/sheet", "routes/project.register-sheet.tsx"),
  route("projects/:projectId/workbook", "routes/project.workbook.tsx"),
  // Deleting a project (decision 047): an administrator's page, outside the project's layout (they need not be a member).
  route("projects/:projectId/delete", "routes/project.delete.tsx"),
  // A resource route: the project's data file, offered on the delete page before the deletion.
  route("projects/:projectId/delete/export", "routes/project.delete-export.tsx"),
  // A resource route (no page): the Word file itself.
  route("projects/:projectId/documents/:deliverable/download", "routes/project.document-download.tsx"),
  // A resource route: the RFP's response sheet (an Excel workbook), blank or issued to one product.
  route("projects/:projectId/selection/response-sheet", "routes/project.response-sheet.tsx"),
  // A resource route: the whole project as one JSON file (portable project data).
  route("projects/:projectId/export", "routes/project.export.tsx"),
  // A resource route: the project's live changes and presence, as Server-Sent Events (decision 037).
  route("projects/:projectId/live", "routes/project.live.tsx"),
  // Workshop sessions (decision 039): starting one, the facilitator's actions (resource routes),
  // the projector (a page of its own, full screen), and the phone pages: public, light, not hydrated.
  route("projects/:projectId/workshops", "routes/workshop.start.tsx"),
  route("projects/:projectId/workshops/:sessionId", "routes/workshop.facilitate.tsx"),
  route("projects/:projectId/workshops/:sessionId/projector", "routes/workshop.projector.tsx"),
  route("w", "routes/workshop.join.tsx"),
  route("w/:token", "routes/workshop.phone.tsx"),
  route("w/:token/events", "routes/workshop.phone-events.tsx"),
  route("preferences", "routes/preferences.tsx"),
  // A trivial page for monitoring (and the benchmark's bare route).
  route("health", "routes/health.tsx"),
  route("*", "routes/not-found.tsx"),
] satisfies RouteConfig;
