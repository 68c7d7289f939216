-- Portable project data (decision 010): imported members without an account here, and
-- sign-off events and audit entries whose person has no account here (kept by name and email).
-- signoff_events is rebuilt so user_id can be null; dropping it dropped its append-only trigger,
-- which is created again at the end.
CREATE TABLE `imported_members` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`project_id` integer NOT NULL,
	`name` text NOT NULL,
	`email` text NOT NULL,
	`role` text NOT NULL,
	`since` text NOT NULL,
	FOREIGN KEY (`project_id`) REFERENCES `projects`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `imported_members_project_email` ON `imported_members` (`project_id`,`email`);--> statement-breakpoint
PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_signoff_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`project_id` integer NOT NULL,
	`phase_id` text NOT NULL,
	`kind` text NOT NULL,
	`user_id` integer,
	`signer_name` text,
	`signer_email` text,
	`at` text NOT NULL,
	`comment` text DEFAULT '' NOT NULL,
	`fingerprint` text,
	`snapshot` text,
	FOREIGN KEY (`project_id`) REFERENCES `projects`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
INSERT INTO `__new_signoff_events`("id", "project_id", "phase_id", "kind", "user_id", "signer_name", "signer_email", "at", "comment", "fingerprint", "snapshot") SELECT "id", "project_id", "phase_id", "kind", "user_id", NULL, NULL, "at", "comment", "fingerprint", "snapshot" FROM `signoff_events`;--> statement-breakpoint
DROP TABLE `signoff_events`;--> statement-breakpoint
ALTER TABLE `__new_signoff_events` RENAME TO `signoff_events`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE INDEX `signoff_events_project_phase` ON `signoff_events` (`project_id`,`phase_id`,`id`);--> statement-breakpoint
ALTER TABLE `audit_log` ADD `actor_email` text;--> statement-breakpoint
CREATE TRIGGER `signoff_events_no_update` BEFORE UPDATE ON `signoff_events` BEGIN SELECT RAISE(ABORT, 'signoff_events is append-only'); END;
