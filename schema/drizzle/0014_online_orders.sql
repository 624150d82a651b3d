CREATE TABLE `online_orders` (
	`order_id` binary(16) NOT NULL,
	`store_id` varchar(32) NOT NULL,
	`idempotency_key` binary(16) NOT NULL,
	`request_hash` varchar(64) NOT NULL,
	`email` varchar(254) NOT NULL,
	`language` varchar(2) NOT NULL,
	`asap` boolean NOT NULL,
	`promised_at` datetime(3) NOT NULL,
	`slot_start` datetime(3) NOT NULL,
	`pizza_count` smallint NOT NULL,
	`delivery_fee_cents` int NOT NULL DEFAULT 0,
	`payment_method` varchar(16) NOT NULL,
	`created_at` datetime(3) NOT NULL,
	CONSTRAINT `online_orders_order_id` PRIMARY KEY(`order_id`),
	CONSTRAINT `online_orders_idempotency_key` UNIQUE(`idempotency_key`)
);
--> statement-breakpoint
ALTER TABLE `stores` ADD `pizzas_per_quarter` smallint DEFAULT 12 NOT NULL;--> statement-breakpoint
CREATE INDEX `online_orders_store_slot` ON `online_orders` (`store_id`,`slot_start`);