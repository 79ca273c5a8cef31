CREATE INDEX `children_birth_date_idx` ON `children` (`birth_date`);--> statement-breakpoint
CREATE INDEX `guardians_email_idx` ON `guardians` (`email`);--> statement-breakpoint
CREATE INDEX `guardians_mobile_phone_idx` ON `guardians` (`mobile_phone`);--> statement-breakpoint
CREATE INDEX `guardians_last_name_idx` ON `guardians` (`last_name`);