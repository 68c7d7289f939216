ALTER TABLE `audit_log` ADD `imported_from` text;--> statement-breakpoint
ALTER TABLE `signoff_events` ADD `imported_from` text;