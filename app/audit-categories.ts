/** History filters group audit actions the way people think of them (shared by server and page). */
export const AUDIT_CATEGORIES = {
  answers: ["answer.save"],
  registers: ["row.add", "row.update", "row.delete", "row.move"],
  members: ["member.add", "member.role", "member.remove", "invitation.create", "invitation.revoke", "invitation.accept"],
  signoff: ["signoff.requested", "signoff.withdrawn", "signoff.approved", "signoff.rejected", "signoff.reopened"],
  project: ["project.create", "project.export", "project.import"],
  documents: ["document.version", "branding.save", "branding.reset"],
} as const;
export type AuditCategory = keyof typeof AUDIT_CATEGORIES;
export type AuditAction = (typeof AUDIT_CATEGORIES)[AuditCategory][number];
