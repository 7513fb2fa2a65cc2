CREATE TABLE `conflict_declarations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`assignment_id` integer NOT NULL,
	`application_id` integer NOT NULL,
	`reviewer_id` integer NOT NULL,
	`applicant_id` integer NOT NULL,
	`has_conflict` integer NOT NULL,
	`reason` text,
	`declared_at` integer NOT NULL,
	FOREIGN KEY (`assignment_id`) REFERENCES `review_assignments`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`application_id`) REFERENCES `applications`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`reviewer_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`applicant_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `conflict_declarations_assignment_id_unique` ON `conflict_declarations` (`assignment_id`);--> statement-breakpoint
CREATE INDEX `conflict_declarations_reviewer_applicant_idx` ON `conflict_declarations` (`reviewer_id`,`applicant_id`);--> statement-breakpoint
CREATE TABLE `reviews` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`assignment_id` integer NOT NULL,
	`application_id` integer NOT NULL,
	`reviewer_id` integer NOT NULL,
	`scores` text NOT NULL,
	`recommendation` text,
	`comment_for_office` text,
	`comment_for_applicant` text,
	`status` text DEFAULT 'draft' NOT NULL,
	`submitted_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`assignment_id`) REFERENCES `review_assignments`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`application_id`) REFERENCES `applications`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`reviewer_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `reviews_assignment_id_unique` ON `reviews` (`assignment_id`);--> statement-breakpoint
CREATE INDEX `reviews_application_idx` ON `reviews` (`application_id`,`status`);