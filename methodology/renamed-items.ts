/**
 * Items of the built-in pack whose id changed while the pack kept its version
 * (decision 033): business co-owners and change champions moved from
 * deployment to team formation. Existing databases are moved by the migration
 * `db/migrations/0005_moved-ownership-items.sql`; project files exported
 * before the move are mapped on import (project-transfer.server.ts). A test
 * holds the two to this one table.
 *
 * `how`: "same" keeps the answer or the rows under the new id; "answer-to-row"
 * turns a free-text answer into one row of the new register, the text in
 * `column` (the register's first column), other cells left for the team.
 */
export type RenamedItem = { from: string; to: string; how: "same" } | { from: string; to: string; how: "answer-to-row"; column: string };

export const RENAMED_ITEMS: Readonly<Record<string, readonly RenamedItem[]>> = {
  "crm-implementation": [
    { from: "deployment.task-co-owners", to: "team.task-co-owners", how: "same" },
    { from: "deployment.co-owners", to: "team.co-owners", how: "answer-to-row", column: "name" },
    { from: "deployment.task-champions", to: "team.task-champions", how: "same" },
    { from: "deployment.champions", to: "team.champions", how: "same" },
  ],
};
