CREATE TABLE `outbox` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`project_id` integer,
	`to_user_id` integer,
	`to_email` text NOT NULL,
	`to_name` text DEFAULT '' NOT NULL,
	`language` text NOT NULL,
	`subject` text NOT NULL,
	`text` text NOT NULL,
	`html` text NOT NULL,
	`status` text NOT NULL,
	`error` text,
	`message_id` text,
	`created_at` text NOT NULL,
	`sent_at` text
);
--> statement-breakpoint
CREATE INDEX `outbox_user_kind` ON `outbox` (`to_user_id`,`kind`,`created_at`);--> statement-breakpoint
ALTER TABLE `one_time_links` ADD `email` text;--> statement-breakpoint
ALTER TABLE `one_time_links` ADD `name` text;--> statement-breakpoint
ALTER TABLE `one_time_links` ADD `language` text;--> statement-breakpoint
ALTER TABLE `one_time_links` ADD `team_row_id` integer;--> statement-breakpoint
ALTER TABLE `projects` ADD `archived_at` text;--> statement-breakpoint
ALTER TABLE `projects` ADD `archived_by` text;--> statement-breakpoint
ALTER TABLE `users` ADD `language` text;