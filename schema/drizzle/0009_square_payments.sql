CREATE TABLE `card_payments` (
	`id` binary(16) NOT NULL,
	`store_id` varchar(32) NOT NULL,
	`order_id` binary(16) NOT NULL,
	`source` varchar(16) NOT NULL,
	`status` varchar(16) NOT NULL,
	`amount_cents` int NOT NULL,
	`attempt` int NOT NULL DEFAULT 1,
	`idempotency_key` varchar(64),
	`request_hash` varchar(64),
	`square_payment_id` varchar(64),
	`square_location_id` varchar(64),
	`terminal_checkout_id` varchar(64),
	`ledger_payment_id` binary(16),
	`card_brand` varchar(32),
	`card_last4` varchar(4),
	`failure_code` varchar(64),
	`reference` varchar(64),
	`created_at` datetime(3) NOT NULL,
	`updated_at` datetime(3) NOT NULL,
	CONSTRAINT `card_payments_id` PRIMARY KEY(`id`),
	CONSTRAINT `card_payments_idempotency_key` UNIQUE(`idempotency_key`),
	CONSTRAINT `card_payments_square_id` UNIQUE(`square_payment_id`),
	CONSTRAINT `card_payments_ledger` UNIQUE(`ledger_payment_id`)
);
--> statement-breakpoint
CREATE TABLE `payment_refunds` (
	`id` binary(16) NOT NULL,
	`store_id` varchar(32) NOT NULL,
	`order_id` binary(16) NOT NULL,
	`method` varchar(8) NOT NULL,
	`card_payment_id` binary(16),
	`square_refund_id` varchar(64),
	`idempotency_key` varchar(64) NOT NULL,
	`amount_cents` int NOT NULL,
	`status` varchar(16) NOT NULL,
	`reason` varchar(192) NOT NULL,
	`by_staff_id` binary(16),
	`ledger_payment_id` binary(16),
	`created_at` datetime(3) NOT NULL,
	`updated_at` datetime(3) NOT NULL,
	CONSTRAINT `payment_refunds_id` PRIMARY KEY(`id`),
	CONSTRAINT `payment_refunds_idempotency_key` UNIQUE(`idempotency_key`),
	CONSTRAINT `payment_refunds_square_id` UNIQUE(`square_refund_id`),
	CONSTRAINT `payment_refunds_ledger` UNIQUE(`ledger_payment_id`)
);
--> statement-breakpoint
CREATE TABLE `square_reconcile_findings` (
	`finding_key` varchar(191) NOT NULL,
	`store_id` varchar(32) NOT NULL,
	`alert_id` int NOT NULL,
	`created_at` datetime(3) NOT NULL,
	CONSTRAINT `square_reconcile_findings_finding_key` PRIMARY KEY(`finding_key`)
);
--> statement-breakpoint
CREATE TABLE `square_terminals` (
	`device_id` binary(16) NOT NULL,
	`store_id` varchar(32) NOT NULL,
	`square_device_id` varchar(64) NOT NULL,
	`updated_at` datetime(3) NOT NULL,
	CONSTRAINT `square_terminals_device_id` PRIMARY KEY(`device_id`)
);
--> statement-breakpoint
CREATE TABLE `square_webhook_events` (
	`event_id` varchar(64) NOT NULL,
	`type` varchar(64) NOT NULL,
	`received_at` datetime(3) NOT NULL,
	CONSTRAINT `square_webhook_events_event_id` PRIMARY KEY(`event_id`)
);
--> statement-breakpoint
CREATE TABLE `terminal_checkouts` (
	`id` varchar(64) NOT NULL,
	`store_id` varchar(32) NOT NULL,
	`order_id` binary(16) NOT NULL,
	`device_id` binary(16),
	`square_device_id` varchar(64) NOT NULL,
	`amount_cents` int NOT NULL,
	`status` varchar(20) NOT NULL,
	`cancel_reason` varchar(20),
	`square_payment_id` varchar(64),
	`idempotency_key` varchar(64) NOT NULL,
	`deadline_at` datetime(3) NOT NULL,
	`created_at` datetime(3) NOT NULL,
	`updated_at` datetime(3) NOT NULL,
	CONSTRAINT `terminal_checkouts_id` PRIMARY KEY(`id`),
	CONSTRAINT `terminal_checkouts_idempotency_key` UNIQUE(`idempotency_key`)
);
--> statement-breakpoint
CREATE INDEX `card_payments_order` ON `card_payments` (`order_id`);--> statement-breakpoint
CREATE INDEX `card_payments_store_created` ON `card_payments` (`store_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `payment_refunds_order` ON `payment_refunds` (`order_id`);--> statement-breakpoint
CREATE INDEX `terminal_checkouts_order` ON `terminal_checkouts` (`order_id`);