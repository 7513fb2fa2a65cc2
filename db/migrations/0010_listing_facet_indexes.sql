DROP INDEX `application_listing_call_country_idx`;--> statement-breakpoint
DROP INDEX `application_listing_call_school_idx`;--> statement-breakpoint
DROP INDEX `application_listing_call_field_idx`;--> statement-breakpoint
CREATE INDEX `application_listing_call_country_status_idx` ON `application_listing` (`call_id`,`country`,`status`);--> statement-breakpoint
CREATE INDEX `application_listing_call_school_status_idx` ON `application_listing` (`call_id`,`host_school`,`status`);--> statement-breakpoint
CREATE INDEX `application_listing_call_field_status_idx` ON `application_listing` (`call_id`,`field`,`status`);