CREATE TABLE `audit_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`actor_id` integer,
	`action` text NOT NULL,
	`entity` text NOT NULL,
	`entity_id` text,
	`application_id` integer,
	`data` text,
	`at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `audit_log_at_idx` ON `audit_log` (`at`);--> statement-breakpoint
CREATE INDEX `audit_log_actor_idx` ON `audit_log` (`actor_id`,`at`);--> statement-breakpoint
CREATE INDEX `audit_log_application_idx` ON `audit_log` (`application_id`,`at`);--> statement-breakpoint
CREATE INDEX `audit_log_action_idx` ON `audit_log` (`action`,`at`);--> statement-breakpoint
CREATE TABLE `call_criteria` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`call_id` integer NOT NULL,
	`position` integer NOT NULL,
	`key` text NOT NULL,
	`weight` integer NOT NULL,
	`label_en` text NOT NULL,
	`label_fa` text NOT NULL,
	`description_en` text NOT NULL,
	`description_fa` text NOT NULL,
	`anchor1_en` text NOT NULL,
	`anchor1_fa` text NOT NULL,
	`anchor3_en` text NOT NULL,
	`anchor3_fa` text NOT NULL,
	`anchor5_en` text NOT NULL,
	`anchor5_fa` text NOT NULL,
	FOREIGN KEY (`call_id`) REFERENCES `calls`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `call_criteria_call_key_unique` ON `call_criteria` (`call_id`,`key`);--> statement-breakpoint
CREATE TABLE `calls` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`year` integer NOT NULL,
	`title_en` text NOT NULL,
	`title_fa` text NOT NULL,
	`description_en` text DEFAULT '' NOT NULL,
	`description_fa` text DEFAULT '' NOT NULL,
	`time_zone` text DEFAULT 'Asia/Tehran' NOT NULL,
	`opens_at` integer NOT NULL,
	`closes_at` integer NOT NULL,
	`letter_deadline` integer NOT NULL,
	`visit_window_start` text NOT NULL,
	`visit_window_end` text NOT NULL,
	`min_visit_days` integer DEFAULT 7 NOT NULL,
	`max_visit_days` integer DEFAULT 90 NOT NULL,
	`referees_required` integer DEFAULT 2 NOT NULL,
	`funded_visits` integer NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `calls_year_title_en_unique` ON `calls` (`year`,`title_en`);--> statement-breakpoint
CREATE INDEX `calls_closes_at_idx` ON `calls` (`closes_at`);