CREATE TABLE `cash_movements` (
	`id` binary(16) NOT NULL,
	`shift_id` binary(16) NOT NULL,
	`store_id` varchar(32) NOT NULL,
	`device_id` binary(16) NOT NULL,
	`direction` varchar(3) NOT NULL,
	`amount_cents` int NOT NULL,
	`reason` varchar(120) NOT NULL,
	`created_at` datetime(3) NOT NULL,
	CONSTRAINT `cash_movements_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `closings` (
	`id` binary(16) NOT NULL,
	`store_id` varchar(32) NOT NULL,
	`scope` varchar(8) NOT NULL,
	`register_id` varchar(64),
	`period` varchar(8) NOT NULL,
	`period_key` varchar(10) NOT NULL,
	`totals` text NOT NULL,
	`total_cents` bigint NOT NULL,
	`grand_total_cents` bigint NOT NULL,
	`seq` bigint NOT NULL,
	`previous_hash` char(64) NOT NULL,
	`hash` char(64) NOT NULL,
	`content` text NOT NULL,
	`closed_at` datetime(3) NOT NULL,
	`closed_by` varchar(120) NOT NULL,
	CONSTRAINT `closings_id` PRIMARY KEY(`id`),
	CONSTRAINT `closings_store_seq` UNIQUE(`store_id`,`seq`)
);
--> statement-breakpoint
CREATE TABLE `journal_anomalies` (
	`id` int AUTO_INCREMENT NOT NULL,
	`store_id` varchar(32) NOT NULL,
	`register_id` varchar(64) NOT NULL,
	`seq` bigint NOT NULL,
	`kind` varchar(16) NOT NULL,
	`message` varchar(500) NOT NULL,
	`entry` text NOT NULL,
	`created_at` datetime(3) NOT NULL,
	CONSTRAINT `journal_anomalies_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `journal_entries` (
	`register_id` varchar(64) NOT NULL,
	`seq` bigint NOT NULL,
	`store_id` varchar(32) NOT NULL,
	`kind` varchar(16) NOT NULL,
	`order_id` binary(16) NOT NULL,
	`corrects_register_id` varchar(64),
	`corrects_seq` bigint,
	`business_day` date NOT NULL,
	`issued_at` datetime(3) NOT NULL,
	`total_cents` int NOT NULL,
	`training` boolean NOT NULL,
	`previous_hash` char(64) NOT NULL,
	`hash` char(64) NOT NULL,
	`content` text NOT NULL,
	`received_at` datetime(3) NOT NULL,
	`version` bigint NOT NULL,
	CONSTRAINT `journal_entries_register_id_seq_pk` PRIMARY KEY(`register_id`,`seq`)
);
--> statement-breakpoint
CREATE TABLE `registers` (
	`id` varchar(64) NOT NULL,
	`store_id` varchar(32) NOT NULL,
	`device_id` binary(16),
	`kind` varchar(8) NOT NULL,
	`head_seq` bigint NOT NULL DEFAULT 0,
	`head_hash` char(64) NOT NULL,
	`reported_head_seq` bigint NOT NULL DEFAULT 0,
	`reported_head_hash` char(64),
	`reported_at` datetime(3),
	`updated_at` datetime(3) NOT NULL,
	CONSTRAINT `registers_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `shifts` (
	`id` binary(16) NOT NULL,
	`store_id` varchar(32) NOT NULL,
	`device_id` binary(16) NOT NULL,
	`opened_at` datetime(3) NOT NULL,
	`float_cents` int NOT NULL,
	`closed_at` datetime(3),
	`counted_cash_cents` int,
	`counted_meal_voucher_cents` int,
	`counted_cheque_cents` int,
	`expected_cash_cents` int,
	`expected_meal_voucher_cents` int,
	`expected_cheque_cents` int,
	`difference_cash_cents` int,
	`difference_meal_voucher_cents` int,
	`difference_cheque_cents` int,
	CONSTRAINT `shifts_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
ALTER TABLE `orders` ADD `training` boolean DEFAULT false NOT NULL;--> statement-breakpoint
CREATE INDEX `cash_movements_shift` ON `cash_movements` (`shift_id`);--> statement-breakpoint
CREATE INDEX `closings_store_period` ON `closings` (`store_id`,`period`,`period_key`);--> statement-breakpoint
CREATE INDEX `journal_anomalies_store_created` ON `journal_anomalies` (`store_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `journal_entries_store_day` ON `journal_entries` (`store_id`,`business_day`);--> statement-breakpoint
CREATE INDEX `journal_entries_order` ON `journal_entries` (`order_id`);--> statement-breakpoint
CREATE INDEX `registers_store` ON `registers` (`store_id`);--> statement-breakpoint
CREATE INDEX `shifts_store_opened` ON `shifts` (`store_id`,`opened_at`);