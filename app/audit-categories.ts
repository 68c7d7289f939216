/** History filters group audit actions the way people think of them (shared by server and page). */
export const AUDIT_CATEGORIES = {
  answers: ["answer.save"],
  registers: ["row.add", "row.update", "row.delete", "row.move", "selection.import"],
  members: ["member.add", "member.role", "member.remove", "invitation.create", "invitation.revoke", "invitation.accept"],
  signoff: ["signoff.requested", "signoff.withdrawn", "signoff.approved", "signoff.rejected", "signoff.reopened"],
  project: ["project.create", "project.export", "project.import", "setting.save", "setting.reset", "project.archive", "project.restore"],
  documents: ["document.version", "branding.save", "branding.reset"],
  workshops: ["workshop.start", "workshop.end", "workshop.adopt"],
} as const;
export type AuditCategory = keyof typeof AUDIT_CATEGORIES;

/**
 * The installation's own entries (project id null), read by administrators on
 * /admin/audit: sign-ins and what administrators do to accounts. Never part of
 * a project's history, and never accepted from an imported file.
 */
export const INSTALLATION_AUDIT_ACTIONS = [
  "auth.signin",
  "auth.signin-failed",
  "auth.signin-demo-elsewhere",
  "auth.setup",
  "auth.setup-code-wrong",
  "admin.user-disable",
  "admin.user-enable",
  "admin.user-make-admin",
  "admin.user-remove-admin",
  "admin.user-reset-link",
  "admin.project-delete",
] as const;
export type InstallationAuditAction = (typeof INSTALLATION_AUDIT_ACTIONS)[number];

export type AuditAction = (typeof AUDIT_CATEGORIES)[AuditCategory][number] | InstallationAuditAction;
