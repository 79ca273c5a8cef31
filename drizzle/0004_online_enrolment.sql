CREATE TABLE `document_types` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`scope` text NOT NULL,
	`validity` text NOT NULL,
	`validity_months` integer DEFAULT 0 NOT NULL,
	`required_for_file` integer DEFAULT false NOT NULL,
	`required_for_activities` text DEFAULT '[]' NOT NULL,
	`position` integer DEFAULT 0 NOT NULL,
	`archived_at` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
) STRICT;
--> statement-breakpoint
CREATE TABLE `documents` (
	`id` text PRIMARY KEY NOT NULL,
	`household_id` text NOT NULL,
	`child_id` text,
	`document_type_id` text NOT NULL,
	`file_name` text NOT NULL,
	`mime_type` text NOT NULL,
	`size` integer NOT NULL,
	`sha256` text NOT NULL,
	`storage_key` text NOT NULL,
	`status` text NOT NULL,
	`refusal_reason` text DEFAULT '' NOT NULL,
	`valid_until` text,
	`uploaded_at` text NOT NULL,
	`uploaded_by` text NOT NULL,
	`decided_at` text,
	`decided_by` text DEFAULT '' NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`household_id`) REFERENCES `households`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`child_id`) REFERENCES `children`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`document_type_id`) REFERENCES `document_types`(`id`) ON UPDATE no action ON DELETE no action
) STRICT;
--> statement-breakpoint
CREATE INDEX `documents_household_idx` ON `documents` (`household_id`,`document_type_id`);--> statement-breakpoint
CREATE INDEX `documents_status_idx` ON `documents` (`status`,`uploaded_at`);--> statement-breakpoint
CREATE INDEX `documents_valid_until_idx` ON `documents` (`valid_until`);--> statement-breakpoint
CREATE TABLE `enrolment_requests` (
	`id` text PRIMARY KEY NOT NULL,
	`household_id` text NOT NULL,
	`child_id` text NOT NULL,
	`activity_id` text NOT NULL,
	`from_date` text NOT NULL,
	`to_date` text NOT NULL,
	`status` text NOT NULL,
	`reason` text DEFAULT '' NOT NULL,
	`enrolment_id` text,
	`requested_at` text NOT NULL,
	`requested_by` text NOT NULL,
	`decided_at` text,
	`decided_by` text DEFAULT '' NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`household_id`) REFERENCES `households`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`child_id`) REFERENCES `children`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`activity_id`) REFERENCES `activities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`enrolment_id`) REFERENCES `enrolments`(`id`) ON UPDATE no action ON DELETE no action
) STRICT;
--> statement-breakpoint
CREATE INDEX `enrolment_requests_status_idx` ON `enrolment_requests` (`status`,`requested_at`);--> statement-breakpoint
CREATE INDEX `enrolment_requests_household_idx` ON `enrolment_requests` (`household_id`);--> statement-breakpoint
CREATE INDEX `enrolment_requests_activity_idx` ON `enrolment_requests` (`activity_id`,`status`);--> statement-breakpoint
CREATE TABLE `family_messages` (
	`id` text PRIMARY KEY NOT NULL,
	`household_id` text NOT NULL,
	`subject` text NOT NULL,
	`body` text NOT NULL,
	`created_at` text NOT NULL,
	FOREIGN KEY (`household_id`) REFERENCES `households`(`id`) ON UPDATE no action ON DELETE no action
) STRICT;
--> statement-breakpoint
CREATE INDEX `family_messages_household_idx` ON `family_messages` (`household_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `household_files` (
	`id` text PRIMARY KEY NOT NULL,
	`household_id` text NOT NULL,
	`school_year` text NOT NULL,
	`status` text NOT NULL,
	`reason` text DEFAULT '' NOT NULL,
	`submitted_at` text NOT NULL,
	`submitted_by` text NOT NULL,
	`decided_at` text,
	`decided_by` text DEFAULT '' NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`household_id`) REFERENCES `households`(`id`) ON UPDATE no action ON DELETE no action
) STRICT;
--> statement-breakpoint
CREATE UNIQUE INDEX `household_files_year_uq` ON `household_files` (`household_id`,`school_year`);--> statement-breakpoint
CREATE INDEX `household_files_status_idx` ON `household_files` (`status`,`submitted_at`);--> statement-breakpoint
CREATE TABLE `rules_acceptances` (
	`id` text PRIMARY KEY NOT NULL,
	`household_id` text NOT NULL,
	`guardian_id` text NOT NULL,
	`rules_version_id` text NOT NULL,
	`accepted_at` text NOT NULL,
	FOREIGN KEY (`household_id`) REFERENCES `households`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`guardian_id`) REFERENCES `guardians`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`rules_version_id`) REFERENCES `rules_versions`(`id`) ON UPDATE no action ON DELETE no action
) STRICT;
--> statement-breakpoint
CREATE UNIQUE INDEX `rules_acceptances_uq` ON `rules_acceptances` (`household_id`,`guardian_id`,`rules_version_id`);--> statement-breakpoint
CREATE TABLE `rules_versions` (
	`id` text PRIMARY KEY NOT NULL,
	`version` integer NOT NULL,
	`title` text NOT NULL,
	`body` text NOT NULL,
	`published_at` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
) STRICT;
--> statement-breakpoint
CREATE UNIQUE INDEX `rules_versions_version_uq` ON `rules_versions` (`version`);--> statement-breakpoint
ALTER TABLE `activities` ADD `enrolment_capacity` integer;--> statement-breakpoint
ALTER TABLE `activities` ADD `auto_accept` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `activities` ADD `online_enrolment` integer DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE `households` ADD `status` text DEFAULT 'active' NOT NULL;--> statement-breakpoint
ALTER TABLE `regie_settings` ADD `siret` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `regie_settings` ADD `logo` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `regie_settings` ADD `regie_number` text DEFAULT '' NOT NULL;