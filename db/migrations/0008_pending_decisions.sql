CREATE TABLE `pending_decisions` (
	`application_id` integer PRIMARY KEY NOT NULL,
	`call_id` integer NOT NULL,
	`decision` text NOT NULL,
	`decision_note` text NOT NULL,
	`applicant_message` text,
	`shared_review_ids` text NOT NULL,
	`confirm_by` integer,
	`recorded_by` integer,
	`recorded_at` integer NOT NULL,
	`last_error` text,
	FOREIGN KEY (`application_id`) REFERENCES `applications`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`call_id`) REFERENCES `calls`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`recorded_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `pending_decisions_call_idx` ON `pending_decisions` (`call_id`,`recorded_at`);