CREATE TABLE `application_listing` (
	`application_id` integer PRIMARY KEY NOT NULL,
	`call_id` integer NOT NULL,
	`reference` text NOT NULL,
	`status` text NOT NULL,
	`applicant_name` text NOT NULL,
	`applicant_email` text NOT NULL,
	`country` text,
	`institution` text,
	`field` text,
	`host_school` text,
	`host_department` text,
	`reviews_assigned` integer DEFAULT 0 NOT NULL,
	`reviews_done` integer DEFAULT 0 NOT NULL,
	`score` real,
	`disagree` integer DEFAULT false NOT NULL,
	`letters_received` integer DEFAULT 0 NOT NULL,
	`letters_required` integer DEFAULT 0 NOT NULL,
	`submitted_at` integer,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`application_id`) REFERENCES `applications`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`call_id`) REFERENCES `calls`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `application_listing_call_status_idx` ON `application_listing` (`call_id`,`status`);--> statement-breakpoint
CREATE INDEX `application_listing_call_reference_idx` ON `application_listing` (`call_id`,`reference`);--> statement-breakpoint
CREATE INDEX `application_listing_call_submitted_idx` ON `application_listing` (`call_id`,`submitted_at`);--> statement-breakpoint
CREATE INDEX `application_listing_call_score_idx` ON `application_listing` (`call_id`,`score`);--> statement-breakpoint
CREATE INDEX `application_listing_call_name_idx` ON `application_listing` (`call_id`,`applicant_name`);--> statement-breakpoint
CREATE INDEX `application_listing_call_country_idx` ON `application_listing` (`call_id`,`country`);--> statement-breakpoint
CREATE INDEX `application_listing_call_school_idx` ON `application_listing` (`call_id`,`host_school`);--> statement-breakpoint
CREATE INDEX `application_listing_call_field_idx` ON `application_listing` (`call_id`,`field`);--> statement-breakpoint
CREATE TABLE `listing_dirty` (
	`application_id` integer PRIMARY KEY NOT NULL
);
--> statement-breakpoint
-- Search by reference, name, email or institution (prefix matching, accents folded); rowid = application id.
CREATE VIRTUAL TABLE `application_search` USING fts5(`reference`, `name`, `email`, `institution`, tokenize = 'unicode61 remove_diacritics 2');
--> statement-breakpoint
-- Whatever an application's listing row summarises marks the application dirty, in the writer's transaction. (Not
-- INSERT OR IGNORE: an outer UPSERT's conflict handling would override the trigger's.)
CREATE TRIGGER `applications_insert_listing` AFTER INSERT ON `applications` BEGIN INSERT INTO `listing_dirty` (`application_id`) SELECT NEW.`id` WHERE NOT EXISTS (SELECT 1 FROM `listing_dirty` WHERE `application_id` = NEW.`id`); END;
--> statement-breakpoint
CREATE TRIGGER `applications_update_listing` AFTER UPDATE ON `applications` BEGIN INSERT INTO `listing_dirty` (`application_id`) SELECT NEW.`id` WHERE NOT EXISTS (SELECT 1 FROM `listing_dirty` WHERE `application_id` = NEW.`id`); END;
--> statement-breakpoint
CREATE TRIGGER `applications_delete_listing` AFTER DELETE ON `applications` BEGIN DELETE FROM `application_search` WHERE `rowid` = OLD.`id`; DELETE FROM `listing_dirty` WHERE `application_id` = OLD.`id`; END;
--> statement-breakpoint
CREATE TRIGGER `application_steps_insert_listing` AFTER INSERT ON `application_steps` BEGIN INSERT INTO `listing_dirty` (`application_id`) SELECT NEW.`application_id` WHERE NOT EXISTS (SELECT 1 FROM `listing_dirty` WHERE `application_id` = NEW.`application_id`); END;
--> statement-breakpoint
CREATE TRIGGER `application_steps_update_listing` AFTER UPDATE ON `application_steps` BEGIN INSERT INTO `listing_dirty` (`application_id`) SELECT NEW.`application_id` WHERE NOT EXISTS (SELECT 1 FROM `listing_dirty` WHERE `application_id` = NEW.`application_id`); END;
--> statement-breakpoint
CREATE TRIGGER `review_assignments_insert_listing` AFTER INSERT ON `review_assignments` BEGIN INSERT INTO `listing_dirty` (`application_id`) SELECT NEW.`application_id` WHERE NOT EXISTS (SELECT 1 FROM `listing_dirty` WHERE `application_id` = NEW.`application_id`); END;
--> statement-breakpoint
CREATE TRIGGER `review_assignments_update_listing` AFTER UPDATE ON `review_assignments` BEGIN INSERT INTO `listing_dirty` (`application_id`) SELECT NEW.`application_id` WHERE NOT EXISTS (SELECT 1 FROM `listing_dirty` WHERE `application_id` = NEW.`application_id`); END;
--> statement-breakpoint
CREATE TRIGGER `review_assignments_delete_listing` AFTER DELETE ON `review_assignments` BEGIN INSERT INTO `listing_dirty` (`application_id`) SELECT OLD.`application_id` WHERE NOT EXISTS (SELECT 1 FROM `listing_dirty` WHERE `application_id` = OLD.`application_id`); END;
--> statement-breakpoint
CREATE TRIGGER `reviews_insert_listing` AFTER INSERT ON `reviews` BEGIN INSERT INTO `listing_dirty` (`application_id`) SELECT NEW.`application_id` WHERE NOT EXISTS (SELECT 1 FROM `listing_dirty` WHERE `application_id` = NEW.`application_id`); END;
--> statement-breakpoint
CREATE TRIGGER `reviews_update_listing` AFTER UPDATE ON `reviews` BEGIN INSERT INTO `listing_dirty` (`application_id`) SELECT NEW.`application_id` WHERE NOT EXISTS (SELECT 1 FROM `listing_dirty` WHERE `application_id` = NEW.`application_id`); END;
--> statement-breakpoint
CREATE TRIGGER `reviews_delete_listing` AFTER DELETE ON `reviews` BEGIN INSERT INTO `listing_dirty` (`application_id`) SELECT OLD.`application_id` WHERE NOT EXISTS (SELECT 1 FROM `listing_dirty` WHERE `application_id` = OLD.`application_id`); END;
--> statement-breakpoint
CREATE TRIGGER `referees_insert_listing` AFTER INSERT ON `referees` BEGIN INSERT INTO `listing_dirty` (`application_id`) SELECT NEW.`application_id` WHERE NOT EXISTS (SELECT 1 FROM `listing_dirty` WHERE `application_id` = NEW.`application_id`); END;
--> statement-breakpoint
CREATE TRIGGER `referees_update_listing` AFTER UPDATE ON `referees` BEGIN INSERT INTO `listing_dirty` (`application_id`) SELECT NEW.`application_id` WHERE NOT EXISTS (SELECT 1 FROM `listing_dirty` WHERE `application_id` = NEW.`application_id`); END;
--> statement-breakpoint
CREATE TRIGGER `referees_delete_listing` AFTER DELETE ON `referees` BEGIN INSERT INTO `listing_dirty` (`application_id`) SELECT OLD.`application_id` WHERE NOT EXISTS (SELECT 1 FROM `listing_dirty` WHERE `application_id` = OLD.`application_id`); END;
--> statement-breakpoint
CREATE TRIGGER `users_update_listing` AFTER UPDATE OF `name`, `email` ON `users` BEGIN INSERT INTO `listing_dirty` (`application_id`) SELECT `id` FROM `applications` WHERE `applicant_id` = NEW.`id` AND `id` NOT IN (SELECT `application_id` FROM `listing_dirty`); END;
--> statement-breakpoint
CREATE TRIGGER `calls_update_listing` AFTER UPDATE OF `referees_required` ON `calls` BEGIN INSERT INTO `listing_dirty` (`application_id`) SELECT `id` FROM `applications` WHERE `call_id` = NEW.`id` AND `id` NOT IN (SELECT `application_id` FROM `listing_dirty`); END;
--> statement-breakpoint
CREATE TRIGGER `call_criteria_insert_listing` AFTER INSERT ON `call_criteria` BEGIN INSERT INTO `listing_dirty` (`application_id`) SELECT `id` FROM `applications` WHERE `call_id` = NEW.`call_id` AND `id` NOT IN (SELECT `application_id` FROM `listing_dirty`); END;
--> statement-breakpoint
CREATE TRIGGER `call_criteria_update_listing` AFTER UPDATE ON `call_criteria` BEGIN INSERT INTO `listing_dirty` (`application_id`) SELECT `id` FROM `applications` WHERE `call_id` = NEW.`call_id` AND `id` NOT IN (SELECT `application_id` FROM `listing_dirty`); END;
--> statement-breakpoint
CREATE TRIGGER `call_criteria_delete_listing` AFTER DELETE ON `call_criteria` BEGIN INSERT INTO `listing_dirty` (`application_id`) SELECT `id` FROM `applications` WHERE `call_id` = OLD.`call_id` AND `id` NOT IN (SELECT `application_id` FROM `listing_dirty`); END;
--> statement-breakpoint
-- Applications that exist before this migration are listed on the first read.
INSERT INTO `listing_dirty` (`application_id`) SELECT `id` FROM `applications`;
