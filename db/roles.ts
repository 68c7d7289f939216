/** The roles a person can have in a project (stored in memberships.role). No imports: the browser bundle uses it too. */
export const PROJECT_ROLES = ["project-manager", "consultant", "executive-sponsor", "team-member", "viewer"] as const;
export type ProjectRole = (typeof PROJECT_ROLES)[number];
