CREATE TABLE `delivery_assignments` (
	`order_id` binary(16) NOT NULL,
	`store_id` varchar(32) NOT NULL,
	`driver_staff_id` binary(16) NOT NULL,
	`status` varchar(16) NOT NULL,
	`to_collect_cents` int NOT NULL,
	`cash_collected_cents` int NOT NULL DEFAULT 0,
	`incident_note` varchar(255),
	`assigned_at` datetime(3) NOT NULL,
	`out_at` datetime(3),
	`done_at` datetime(3),
	`settlement_id` int,
	`updated_at` datetime(3) NOT NULL,
	CONSTRAINT `delivery_assignments_order_id` PRIMARY KEY(`order_id`)
);
--> statement-breakpoint
CREATE TABLE `driver_settlements` (
	`id` int AUTO_INCREMENT NOT NULL,
	`store_id` varchar(32) NOT NULL,
	`driver_staff_id` binary(16) NOT NULL,
	`deliveries` int NOT NULL,
	`expected_cents` int NOT NULL,
	`counted_cents` int NOT NULL,
	`difference_cents` int NOT NULL,
	`settled_by_staff_id` binary(16),
	`created_at` datetime(3) NOT NULL,
	CONSTRAINT `driver_settlements_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `line_preparation` (
	`line_id` binary(16) NOT NULL,
	`order_id` binary(16) NOT NULL,
	`store_id` varchar(32) NOT NULL,
	`status` varchar(16) NOT NULL,
	`updated_at` datetime(3) NOT NULL,
	`staff_id` binary(16),
	CONSTRAINT `line_preparation_line_id` PRIMARY KEY(`line_id`)
);
--> statement-breakpoint
CREATE TABLE `stock_levels` (
	`store_id` varchar(32) NOT NULL,
	`ingredient_id` varchar(48) NOT NULL,
	`initial_quantity` int NOT NULL DEFAULT 0,
	`low_threshold` int,
	`low_alert_open` boolean NOT NULL DEFAULT false,
	`created_at` datetime(3) NOT NULL,
	CONSTRAINT `stock_levels_store_id_ingredient_id_pk` PRIMARY KEY(`store_id`,`ingredient_id`)
);
--> statement-breakpoint
CREATE TABLE `stock_movements` (
	`id` int AUTO_INCREMENT NOT NULL,
	`store_id` varchar(32) NOT NULL,
	`ingredient_id` varchar(48) NOT NULL,
	`kind` varchar(16) NOT NULL,
	`quantity` int NOT NULL,
	`movement_key` varchar(100) NOT NULL,
	`order_id` binary(16),
	`staff_id` binary(16),
	`note` varchar(255),
	`created_at` datetime(3) NOT NULL,
	CONSTRAINT `stock_movements_id` PRIMARY KEY(`id`),
	CONSTRAINT `stock_movements_key` UNIQUE(`store_id`,`movement_key`,`ingredient_id`)
);
--> statement-breakpoint
CREATE INDEX `delivery_assignments_store_driver` ON `delivery_assignments` (`store_id`,`driver_staff_id`);--> statement-breakpoint
CREATE INDEX `driver_settlements_store_created` ON `driver_settlements` (`store_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `line_preparation_order` ON `line_preparation` (`order_id`);--> statement-breakpoint
CREATE INDEX `stock_movements_store_ingredient` ON `stock_movements` (`store_id`,`ingredient_id`,`quantity`);--> statement-breakpoint
CREATE INDEX `stock_movements_order` ON `stock_movements` (`order_id`);