CREATE TABLE `activity_penalties` (
	`id` text PRIMARY KEY NOT NULL,
	`activity_id` text NOT NULL,
	`late_cancellation_percent` integer DEFAULT 100 NOT NULL,
	`unbooked_surcharge_kind` text DEFAULT 'percent' NOT NULL,
	`unbooked_surcharge_value` integer DEFAULT 0 NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`activity_id`) REFERENCES `activities`(`id`) ON UPDATE no action ON DELETE no action
) STRICT;
--> statement-breakpoint
CREATE UNIQUE INDEX `activity_penalties_activity_uq` ON `activity_penalties` (`activity_id`);--> statement-breakpoint
CREATE TABLE `allocations` (
	`id` text PRIMARY KEY NOT NULL,
	`household_id` text NOT NULL,
	`invoice_id` text NOT NULL,
	`payment_id` text,
	`credit_note_id` text,
	`amount_cents` integer NOT NULL,
	`allocated_on` text NOT NULL,
	`created_at` text NOT NULL,
	`released_at` text,
	`release_reason` text DEFAULT '' NOT NULL,
	FOREIGN KEY (`household_id`) REFERENCES `households`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`invoice_id`) REFERENCES `invoices`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`payment_id`) REFERENCES `payments`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`credit_note_id`) REFERENCES `credit_notes`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "allocations_one_source" CHECK(("allocations"."payment_id" IS NULL) <> ("allocations"."credit_note_id" IS NULL)),
	CONSTRAINT "allocations_amount_positive" CHECK("allocations"."amount_cents" > 0)
) STRICT;
--> statement-breakpoint
CREATE INDEX `allocations_invoice_idx` ON `allocations` (`invoice_id`);--> statement-breakpoint
CREATE INDEX `allocations_payment_idx` ON `allocations` (`payment_id`);--> statement-breakpoint
CREATE INDEX `allocations_credit_note_idx` ON `allocations` (`credit_note_id`);--> statement-breakpoint
CREATE INDEX `allocations_household_idx` ON `allocations` (`household_id`);--> statement-breakpoint
CREATE TABLE `billed_bookings` (
	`id` text PRIMARY KEY NOT NULL,
	`booking_id` text NOT NULL,
	`kind` text NOT NULL,
	`household_id` text NOT NULL,
	`invoice_line_id` text,
	`credit_note_line_id` text,
	`base_cents` integer NOT NULL,
	`amount_cents` integer NOT NULL,
	FOREIGN KEY (`booking_id`) REFERENCES `bookings`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`household_id`) REFERENCES `households`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`invoice_line_id`) REFERENCES `invoice_lines`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`credit_note_line_id`) REFERENCES `credit_note_lines`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "billed_bookings_one_line" CHECK(("billed_bookings"."invoice_line_id" IS NULL) <> ("billed_bookings"."credit_note_line_id" IS NULL))
) STRICT;
--> statement-breakpoint
CREATE UNIQUE INDEX `billed_bookings_booking_kind_uq` ON `billed_bookings` (`booking_id`,`kind`);--> statement-breakpoint
CREATE TABLE `credit_note_lines` (
	`id` text PRIMARY KEY NOT NULL,
	`credit_note_id` text NOT NULL,
	`position` integer NOT NULL,
	`invoice_line_id` text,
	`child_name` text DEFAULT '' NOT NULL,
	`activity_name` text DEFAULT '' NOT NULL,
	`label` text NOT NULL,
	`detail` text DEFAULT '' NOT NULL,
	`quantity` integer NOT NULL,
	`unit_price_cents` integer NOT NULL,
	`amount_cents` integer NOT NULL,
	`cesu_eligible` integer DEFAULT false NOT NULL,
	FOREIGN KEY (`credit_note_id`) REFERENCES `credit_notes`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`invoice_line_id`) REFERENCES `invoice_lines`(`id`) ON UPDATE no action ON DELETE no action
) STRICT;
--> statement-breakpoint
CREATE INDEX `credit_note_lines_credit_note_idx` ON `credit_note_lines` (`credit_note_id`,`position`);--> statement-breakpoint
CREATE TABLE `credit_notes` (
	`id` text PRIMARY KEY NOT NULL,
	`number` text NOT NULL,
	`invoice_id` text NOT NULL,
	`household_id` text NOT NULL,
	`issue_date` text NOT NULL,
	`total_cents` integer NOT NULL,
	`cesu_eligible_cents` integer DEFAULT 0 NOT NULL,
	`reason` text NOT NULL,
	`household_name` text NOT NULL,
	`payer_name` text DEFAULT '' NOT NULL,
	`payer_address` text DEFAULT '[]' NOT NULL,
	`issued_by` text DEFAULT '' NOT NULL,
	`created_at` text NOT NULL,
	FOREIGN KEY (`invoice_id`) REFERENCES `invoices`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`household_id`) REFERENCES `households`(`id`) ON UPDATE no action ON DELETE no action
) STRICT;
--> statement-breakpoint
CREATE UNIQUE INDEX `credit_notes_number_uq` ON `credit_notes` (`number`);--> statement-breakpoint
CREATE INDEX `credit_notes_invoice_idx` ON `credit_notes` (`invoice_id`);--> statement-breakpoint
CREATE INDEX `credit_notes_household_idx` ON `credit_notes` (`household_id`,`issue_date`);--> statement-breakpoint
CREATE TABLE `invoice_lines` (
	`id` text PRIMARY KEY NOT NULL,
	`invoice_id` text NOT NULL,
	`position` integer NOT NULL,
	`child_id` text,
	`child_name` text DEFAULT '' NOT NULL,
	`activity_id` text,
	`activity_name` text DEFAULT '' NOT NULL,
	`unit_id` text,
	`kind` text NOT NULL,
	`label` text NOT NULL,
	`detail` text DEFAULT '' NOT NULL,
	`tariff_id` text,
	`bracket_label` text,
	`quantity` integer NOT NULL,
	`unit_price_cents` integer NOT NULL,
	`amount_cents` integer NOT NULL,
	`cesu_eligible` integer DEFAULT false NOT NULL,
	FOREIGN KEY (`invoice_id`) REFERENCES `invoices`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`child_id`) REFERENCES `children`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`activity_id`) REFERENCES `activities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`unit_id`) REFERENCES `activity_units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`tariff_id`) REFERENCES `tariffs`(`id`) ON UPDATE no action ON DELETE no action
) STRICT;
--> statement-breakpoint
CREATE INDEX `invoice_lines_invoice_idx` ON `invoice_lines` (`invoice_id`,`position`);--> statement-breakpoint
CREATE TABLE `invoices` (
	`id` text PRIMARY KEY NOT NULL,
	`number` text NOT NULL,
	`household_id` text NOT NULL,
	`month` text NOT NULL,
	`issue_date` text NOT NULL,
	`due_date` text NOT NULL,
	`total_cents` integer NOT NULL,
	`cesu_eligible_cents` integer DEFAULT 0 NOT NULL,
	`household_name` text NOT NULL,
	`payer_name` text DEFAULT '' NOT NULL,
	`payer_address` text DEFAULT '[]' NOT NULL,
	`issued_by` text DEFAULT '' NOT NULL,
	`created_at` text NOT NULL,
	FOREIGN KEY (`household_id`) REFERENCES `households`(`id`) ON UPDATE no action ON DELETE no action
) STRICT;
--> statement-breakpoint
CREATE UNIQUE INDEX `invoices_number_uq` ON `invoices` (`number`);--> statement-breakpoint
CREATE INDEX `invoices_household_idx` ON `invoices` (`household_id`,`issue_date`);--> statement-breakpoint
CREATE INDEX `invoices_month_idx` ON `invoices` (`month`);--> statement-breakpoint
CREATE TABLE `number_series` (
	`id` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`year` integer NOT NULL,
	`last` integer NOT NULL,
	`last_date` text NOT NULL,
	`updated_at` text NOT NULL
) STRICT;
--> statement-breakpoint
CREATE TABLE `payment_reversals` (
	`id` text PRIMARY KEY NOT NULL,
	`payment_id` text NOT NULL,
	`household_id` text NOT NULL,
	`reason` text NOT NULL,
	`reversed_on` text NOT NULL,
	`desk_id` text DEFAULT '' NOT NULL,
	`reversed_by` text DEFAULT '' NOT NULL,
	`created_at` text NOT NULL,
	FOREIGN KEY (`payment_id`) REFERENCES `payments`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`household_id`) REFERENCES `households`(`id`) ON UPDATE no action ON DELETE no action
) STRICT;
--> statement-breakpoint
CREATE UNIQUE INDEX `payment_reversals_payment_uq` ON `payment_reversals` (`payment_id`);--> statement-breakpoint
CREATE INDEX `payment_reversals_on_idx` ON `payment_reversals` (`reversed_on`);--> statement-breakpoint
CREATE TABLE `payments` (
	`id` text PRIMARY KEY NOT NULL,
	`household_id` text NOT NULL,
	`receipt_number` text NOT NULL,
	`mode` text NOT NULL,
	`amount_cents` integer NOT NULL,
	`received_on` text NOT NULL,
	`cheque_bank` text DEFAULT '' NOT NULL,
	`cheque_number` text DEFAULT '' NOT NULL,
	`payer_name` text DEFAULT '' NOT NULL,
	`note` text DEFAULT '' NOT NULL,
	`desk_id` text DEFAULT '' NOT NULL,
	`recorded_by` text DEFAULT '' NOT NULL,
	`created_at` text NOT NULL,
	FOREIGN KEY (`household_id`) REFERENCES `households`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "payments_amount_positive" CHECK("payments"."amount_cents" > 0)
) STRICT;
--> statement-breakpoint
CREATE UNIQUE INDEX `payments_receipt_number_uq` ON `payments` (`receipt_number`);--> statement-breakpoint
CREATE INDEX `payments_household_idx` ON `payments` (`household_id`,`received_on`);--> statement-breakpoint
CREATE INDEX `payments_received_on_idx` ON `payments` (`received_on`);--> statement-breakpoint
CREATE TABLE `regie_settings` (
	`id` text PRIMARY KEY NOT NULL,
	`commune_name` text NOT NULL,
	`regie_name` text DEFAULT '' NOT NULL,
	`address_line1` text DEFAULT '' NOT NULL,
	`address_line2` text DEFAULT '' NOT NULL,
	`postal_code` text DEFAULT '' NOT NULL,
	`city` text DEFAULT '' NOT NULL,
	`phone` text DEFAULT '' NOT NULL,
	`email` text DEFAULT '' NOT NULL,
	`portal_url` text DEFAULT '' NOT NULL,
	`office_hours` text DEFAULT '' NOT NULL,
	`payable_to` text DEFAULT 'Trésor public' NOT NULL,
	`accepted_modes` text DEFAULT '["cash","cheque","card","cesu","ancv","transfer","directDebit"]' NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
) STRICT;
--> statement-breakpoint
CREATE TABLE `tariffs` (
	`id` text PRIMARY KEY NOT NULL,
	`activity_id` text NOT NULL,
	`unit_id` text,
	`label` text DEFAULT '' NOT NULL,
	`valid_from` text NOT NULL,
	`valid_to` text NOT NULL,
	`brackets` text NOT NULL,
	`sibling_reductions` text DEFAULT '[]' NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`activity_id`) REFERENCES `activities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`unit_id`) REFERENCES `activity_units`(`id`) ON UPDATE no action ON DELETE no action
) STRICT;
--> statement-breakpoint
CREATE INDEX `tariffs_activity_idx` ON `tariffs` (`activity_id`,`valid_from`);