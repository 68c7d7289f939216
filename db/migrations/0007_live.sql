CREATE TABLE `live_changes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`project_id` integer NOT NULL,
	`topic` text NOT NULL,
	`by` integer,
	`at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL
);
--> statement-breakpoint
CREATE INDEX `live_changes_at` ON `live_changes` (`at`);--> statement-breakpoint
CREATE TABLE `presence` (
	`client_id` text PRIMARY KEY NOT NULL,
	`project_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`place` text NOT NULL,
	`seen_at` text NOT NULL,
	FOREIGN KEY (`project_id`) REFERENCES `projects`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `presence_project_place` ON `presence` (`project_id`,`place`);