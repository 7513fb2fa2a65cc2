CREATE TABLE `access_tokens` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`hash` text NOT NULL,
	`purpose` text NOT NULL,
	`application_id` integer NOT NULL,
	`referee_id` integer,
	`expires_at` integer NOT NULL,
	`used_at` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`application_id`) REFERENCES `applications`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`referee_id`) REFERENCES `referees`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `access_tokens_hash_unique` ON `access_tokens` (`hash`);--> statement-breakpoint
CREATE INDEX `access_tokens_referee_idx` ON `access_tokens` (`referee_id`);--> statement-breakpoint
CREATE TABLE `host_endorsements` (
	`application_id` integer PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`email` text NOT NULL,
	`school` text NOT NULL,
	`department` text NOT NULL,
	`locale` text DEFAULT 'en' NOT NULL,
	`requested_at` integer,
	`reminded_at` integer,
	`answered_at` integer,
	`decision` text,
	`statement` text,
	`knows_applicant` integer,
	`how_known` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`application_id`) REFERENCES `applications`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `referees` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`application_id` integer NOT NULL,
	`slot` integer NOT NULL,
	`name` text NOT NULL,
	`email` text NOT NULL,
	`institution` text NOT NULL,
	`relationship` text NOT NULL,
	`locale` text DEFAULT 'en' NOT NULL,
	`requested_at` integer,
	`reminded_at` integer,
	`received_at` integer,
	`declined_at` integer,
	`decline_reason` text,
	`letter_document_id` integer,
	`replaced_at` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`application_id`) REFERENCES `applications`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`letter_document_id`) REFERENCES `documents`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `referees_application_idx` ON `referees` (`application_id`,`slot`);