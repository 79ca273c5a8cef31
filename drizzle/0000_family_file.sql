CREATE TABLE `audit_log` (
	`id` text PRIMARY KEY NOT NULL,
	`at` text NOT NULL,
	`actor_kind` text NOT NULL,
	`actor_id` text NOT NULL,
	`actor_name` text NOT NULL,
	`desk_id` text DEFAULT '' NOT NULL,
	`command` text NOT NULL,
	`household_id` text,
	`entity` text NOT NULL,
	`entity_id` text NOT NULL,
	`changes` text DEFAULT '{}' NOT NULL,
	`reason` text DEFAULT '' NOT NULL
) STRICT;
--> statement-breakpoint
CREATE INDEX `audit_log_household_idx` ON `audit_log` (`household_id`,`at`);--> statement-breakpoint
CREATE TABLE `child_contacts` (
	`id` text PRIMARY KEY NOT NULL,
	`child_id` text NOT NULL,
	`name` text NOT NULL,
	`phone` text DEFAULT '' NOT NULL,
	`link` text DEFAULT '' NOT NULL,
	`pickup` text NOT NULL,
	`emergency_contact` integer DEFAULT false NOT NULL,
	`position` integer DEFAULT 0 NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`child_id`) REFERENCES `children`(`id`) ON UPDATE no action ON DELETE no action
) STRICT;
--> statement-breakpoint
CREATE INDEX `child_contacts_child_idx` ON `child_contacts` (`child_id`);--> statement-breakpoint
CREATE TABLE `children` (
	`id` text PRIMARY KEY NOT NULL,
	`first_name` text NOT NULL,
	`last_name` text NOT NULL,
	`birth_date` text NOT NULL,
	`sex` text,
	`school_name` text DEFAULT '' NOT NULL,
	`school_level` text,
	`class_name` text DEFAULT '' NOT NULL,
	`diet` text DEFAULT 'none' NOT NULL,
	`allergies` text DEFAULT '' NOT NULL,
	`has_careplan` integer DEFAULT false NOT NULL,
	`careplan_note` text DEFAULT '' NOT NULL,
	`doctor_name` text DEFAULT '' NOT NULL,
	`doctor_phone` text DEFAULT '' NOT NULL,
	`photo_consent` integer DEFAULT false NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
) STRICT;
--> statement-breakpoint
CREATE TABLE `family_quotients` (
	`id` text PRIMARY KEY NOT NULL,
	`household_id` text NOT NULL,
	`value` integer NOT NULL,
	`organisation` text NOT NULL,
	`allowance_number` text DEFAULT '' NOT NULL,
	`valid_from` text NOT NULL,
	`valid_to` text NOT NULL,
	`created_at` text NOT NULL,
	FOREIGN KEY (`household_id`) REFERENCES `households`(`id`) ON UPDATE no action ON DELETE no action
) STRICT;
--> statement-breakpoint
CREATE INDEX `family_quotients_household_idx` ON `family_quotients` (`household_id`,`valid_from`);--> statement-breakpoint
CREATE TABLE `guardian_children` (
	`id` text PRIMARY KEY NOT NULL,
	`guardian_id` text NOT NULL,
	`child_id` text NOT NULL,
	`relationship` text NOT NULL,
	`created_at` text NOT NULL,
	FOREIGN KEY (`guardian_id`) REFERENCES `guardians`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`child_id`) REFERENCES `children`(`id`) ON UPDATE no action ON DELETE no action
) STRICT;
--> statement-breakpoint
CREATE UNIQUE INDEX `guardian_children_pair_uq` ON `guardian_children` (`guardian_id`,`child_id`);--> statement-breakpoint
CREATE INDEX `guardian_children_child_idx` ON `guardian_children` (`child_id`);--> statement-breakpoint
CREATE TABLE `guardians` (
	`id` text PRIMARY KEY NOT NULL,
	`civility` text NOT NULL,
	`first_name` text NOT NULL,
	`last_name` text NOT NULL,
	`birth_name` text DEFAULT '' NOT NULL,
	`address_line1` text DEFAULT '' NOT NULL,
	`address_line2` text DEFAULT '' NOT NULL,
	`postal_code` text DEFAULT '' NOT NULL,
	`city` text DEFAULT '' NOT NULL,
	`mobile_phone` text DEFAULT '' NOT NULL,
	`home_phone` text DEFAULT '' NOT NULL,
	`work_phone` text DEFAULT '' NOT NULL,
	`employer_name` text DEFAULT '' NOT NULL,
	`employer_phone` text DEFAULT '' NOT NULL,
	`email` text DEFAULT '' NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
) STRICT;
--> statement-breakpoint
CREATE TABLE `household_children` (
	`id` text PRIMARY KEY NOT NULL,
	`household_id` text NOT NULL,
	`child_id` text NOT NULL,
	`created_at` text NOT NULL,
	FOREIGN KEY (`household_id`) REFERENCES `households`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`child_id`) REFERENCES `children`(`id`) ON UPDATE no action ON DELETE no action
) STRICT;
--> statement-breakpoint
CREATE UNIQUE INDEX `household_children_pair_uq` ON `household_children` (`household_id`,`child_id`);--> statement-breakpoint
CREATE INDEX `household_children_child_idx` ON `household_children` (`child_id`);--> statement-breakpoint
CREATE TABLE `household_guardians` (
	`id` text PRIMARY KEY NOT NULL,
	`household_id` text NOT NULL,
	`guardian_id` text NOT NULL,
	`receives_invoices` integer DEFAULT false NOT NULL,
	`created_at` text NOT NULL,
	FOREIGN KEY (`household_id`) REFERENCES `households`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`guardian_id`) REFERENCES `guardians`(`id`) ON UPDATE no action ON DELETE no action
) STRICT;
--> statement-breakpoint
CREATE UNIQUE INDEX `household_guardians_pair_uq` ON `household_guardians` (`household_id`,`guardian_id`);--> statement-breakpoint
CREATE INDEX `household_guardians_guardian_idx` ON `household_guardians` (`guardian_id`);--> statement-breakpoint
CREATE TABLE `households` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`notes` text DEFAULT '' NOT NULL,
	`archived_at` text,
	`archive_reason` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
) STRICT;
--> statement-breakpoint
CREATE INDEX `households_name_idx` ON `households` (`name`);