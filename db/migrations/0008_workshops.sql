CREATE TABLE `workshop_activities` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`session_id` integer NOT NULL,
	`position` integer NOT NULL,
	`kind` text NOT NULL,
	`config` text NOT NULL,
	`subjects` text NOT NULL,
	`state` text DEFAULT 'draft' NOT NULL,
	`revealed` integer DEFAULT false NOT NULL,
	`opened_at` text,
	`closed_at` text,
	`adopted` text,
	`adopted_at` text,
	`adopted_by` text,
	FOREIGN KEY (`session_id`) REFERENCES `workshop_sessions`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `workshop_activities_session` ON `workshop_activities` (`session_id`,`position`);--> statement-breakpoint
CREATE TABLE `workshop_ballots` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`activity_id` integer NOT NULL,
	`participant_id` integer NOT NULL,
	`value` text NOT NULL,
	`casts` integer DEFAULT 1 NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`activity_id`) REFERENCES `workshop_activities`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`participant_id`) REFERENCES `workshop_participants`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `workshop_ballots_activity_participant` ON `workshop_ballots` (`activity_id`,`participant_id`);--> statement-breakpoint
CREATE TABLE `workshop_ideas` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`activity_id` integer NOT NULL,
	`participant_id` integer,
	`text` text NOT NULL,
	`merged_into` integer,
	`created_at` text NOT NULL,
	FOREIGN KEY (`activity_id`) REFERENCES `workshop_activities`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`participant_id`) REFERENCES `workshop_participants`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `workshop_ideas_activity` ON `workshop_ideas` (`activity_id`,`id`);--> statement-breakpoint
CREATE TABLE `workshop_participants` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`session_id` integer NOT NULL,
	`name` text NOT NULL,
	`secret_hash` text NOT NULL,
	`joined_at` text NOT NULL,
	FOREIGN KEY (`session_id`) REFERENCES `workshop_sessions`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `workshop_participants_session` ON `workshop_participants` (`session_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `workshop_participants_secret` ON `workshop_participants` (`secret_hash`);--> statement-breakpoint
CREATE TABLE `workshop_sessions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`project_id` integer NOT NULL,
	`phase_id` text NOT NULL,
	`step_id` text NOT NULL,
	`code` text NOT NULL,
	`token_hash` text NOT NULL,
	`facilitator_id` integer,
	`facilitator_name` text NOT NULL,
	`started_at` text NOT NULL,
	`ended_at` text,
	FOREIGN KEY (`project_id`) REFERENCES `projects`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`facilitator_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `workshop_sessions_token` ON `workshop_sessions` (`token_hash`);--> statement-breakpoint
CREATE INDEX `workshop_sessions_code` ON `workshop_sessions` (`code`,`ended_at`);--> statement-breakpoint
CREATE INDEX `workshop_sessions_project` ON `workshop_sessions` (`project_id`,`phase_id`);