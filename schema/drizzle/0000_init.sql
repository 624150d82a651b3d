CREATE TABLE `alerts` (
	`id` int AUTO_INCREMENT NOT NULL,
	`store_id` varchar(32) NOT NULL,
	`kind` varchar(32) NOT NULL,
	`message` varchar(500) NOT NULL,
	`order_id` binary(16),
	`device_id` binary(16),
	`created_at` datetime(3) NOT NULL,
	`acknowledged_at` datetime(3),
	`acknowledged_by` varchar(120),
	CONSTRAINT `alerts_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `categories` (
	`id` varchar(48) NOT NULL,
	`name_fr` varchar(80) NOT NULL,
	`name_en` varchar(80) NOT NULL,
	`kind` varchar(16) NOT NULL,
	`sort_order` int NOT NULL DEFAULT 0,
	CONSTRAINT `categories_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `devices` (
	`id` binary(16) NOT NULL,
	`store_id` varchar(32) NOT NULL,
	`name` varchar(80) NOT NULL,
	`token_hash` varchar(64) NOT NULL,
	`created_at` datetime(3) NOT NULL,
	`last_seen_at` datetime(3),
	`revoked_at` datetime(3),
	`app_version` varchar(32),
	`last_applied_seq` bigint NOT NULL DEFAULT 0,
	`reported_pending` int NOT NULL DEFAULT 0,
	`reported_oldest_pending_at` datetime(3),
	`reported_highest_seq` bigint NOT NULL DEFAULT 0,
	CONSTRAINT `devices_id` PRIMARY KEY(`id`),
	CONSTRAINT `devices_token_hash` UNIQUE(`token_hash`)
);
--> statement-breakpoint
CREATE TABLE `ingredients` (
	`id` varchar(48) NOT NULL,
	`name_fr` varchar(80) NOT NULL,
	`name_en` varchar(80) NOT NULL,
	`unit` varchar(8) NOT NULL,
	`extra_price_cents` int,
	CONSTRAINT `ingredients_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `menu_versions` (
	`id` int AUTO_INCREMENT NOT NULL,
	`created_at` datetime(3) NOT NULL,
	`note` varchar(255) NOT NULL DEFAULT '',
	CONSTRAINT `menu_versions_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `order_lines` (
	`id` binary(16) NOT NULL,
	`order_id` binary(16) NOT NULL,
	`store_id` varchar(32) NOT NULL,
	`business_day` date NOT NULL,
	`line_no` smallint NOT NULL,
	`product_id` varchar(48) NOT NULL,
	`size` varchar(8) NOT NULL,
	`name` varchar(120) NOT NULL,
	`category_id` varchar(48) NOT NULL,
	`quantity` int NOT NULL,
	`unit_price_cents` int NOT NULL,
	`total_cents` int NOT NULL,
	`vat_rate_bp` smallint NOT NULL,
	`options` text NOT NULL,
	`note` varchar(200),
	`flags` varchar(255) NOT NULL DEFAULT '',
	CONSTRAINT `order_lines_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `order_vat` (
	`order_id` binary(16) NOT NULL,
	`rate_bp` smallint NOT NULL,
	`store_id` varchar(32) NOT NULL,
	`business_day` date NOT NULL,
	`total_cents` int NOT NULL,
	`vat_cents` int NOT NULL,
	CONSTRAINT `order_vat_order_id_rate_bp_pk` PRIMARY KEY(`order_id`,`rate_bp`)
);
--> statement-breakpoint
CREATE TABLE `orders` (
	`id` binary(16) NOT NULL,
	`store_id` varchar(32) NOT NULL,
	`device_id` binary(16),
	`channel` varchar(16) NOT NULL,
	`service_mode` varchar(16) NOT NULL,
	`status` varchar(20) NOT NULL,
	`status_reason` varchar(255),
	`business_day` date NOT NULL,
	`created_at` datetime(3) NOT NULL,
	`updated_at` datetime(3) NOT NULL,
	`call_number` int NOT NULL,
	`menu_version` int NOT NULL,
	`total_cents` int NOT NULL,
	`paid_cents` int NOT NULL DEFAULT 0,
	`item_count` int NOT NULL,
	`line_count` int NOT NULL,
	`customer_name` varchar(120),
	`customer_phone` varchar(32),
	`delivery_address` varchar(255),
	`delivery_notes` varchar(255),
	`note` varchar(255),
	`flags` varchar(255) NOT NULL DEFAULT '',
	`version` bigint NOT NULL,
	CONSTRAINT `orders_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `pairing_codes` (
	`code_hash` varchar(64) NOT NULL,
	`store_id` varchar(32) NOT NULL,
	`created_at` datetime(3) NOT NULL,
	`expires_at` datetime(3) NOT NULL,
	`used_at` datetime(3),
	`device_id` binary(16),
	CONSTRAINT `pairing_codes_code_hash` PRIMARY KEY(`code_hash`)
);
--> statement-breakpoint
CREATE TABLE `payments` (
	`id` binary(16) NOT NULL,
	`order_id` binary(16) NOT NULL,
	`store_id` varchar(32) NOT NULL,
	`business_day` date NOT NULL,
	`device_id` binary(16),
	`method` varchar(16) NOT NULL,
	`amount_cents` int NOT NULL,
	`tendered_cents` int,
	`change_cents` int NOT NULL DEFAULT 0,
	`created_at` datetime(3) NOT NULL,
	CONSTRAINT `payments_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `product_sizes` (
	`product_id` varchar(48) NOT NULL,
	`size` varchar(8) NOT NULL,
	`price_cents` int NOT NULL,
	CONSTRAINT `product_sizes_product_id_size_pk` PRIMARY KEY(`product_id`,`size`)
);
--> statement-breakpoint
CREATE TABLE `products` (
	`id` varchar(48) NOT NULL,
	`category_id` varchar(48) NOT NULL,
	`name_fr` varchar(120) NOT NULL,
	`name_en` varchar(120) NOT NULL,
	`vat_eat_in_bp` smallint NOT NULL,
	`vat_takeaway_bp` smallint NOT NULL,
	`vat_delivery_bp` smallint NOT NULL,
	`active` boolean NOT NULL DEFAULT true,
	`sort_order` int NOT NULL DEFAULT 0,
	CONSTRAINT `products_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `recipe_items` (
	`product_id` varchar(48) NOT NULL,
	`size` varchar(8) NOT NULL,
	`ingredient_id` varchar(48) NOT NULL,
	`quantity` int NOT NULL,
	CONSTRAINT `recipe_items_product_id_size_ingredient_id_pk` PRIMARY KEY(`product_id`,`size`,`ingredient_id`)
);
--> statement-breakpoint
CREATE TABLE `rejections` (
	`id` binary(16) NOT NULL,
	`store_id` varchar(32) NOT NULL,
	`device_id` binary(16),
	`seq` bigint NOT NULL,
	`kind` varchar(32) NOT NULL,
	`order_id` binary(16),
	`code` varchar(48) NOT NULL,
	`message` varchar(500) NOT NULL,
	`created_at` datetime(3) NOT NULL,
	`version` bigint NOT NULL,
	CONSTRAINT `rejections_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `stores` (
	`id` varchar(32) NOT NULL,
	`name` varchar(120) NOT NULL,
	`address` varchar(255) NOT NULL,
	`postcode` varchar(10) NOT NULL,
	`city` varchar(80) NOT NULL,
	`phone` varchar(32) NOT NULL DEFAULT '',
	`latitude` double NOT NULL,
	`longitude` double NOT NULL,
	`time_zone` varchar(64) NOT NULL DEFAULT 'Europe/Paris',
	`closing_minutes` smallint NOT NULL DEFAULT 240,
	`version` bigint NOT NULL DEFAULT 0,
	`min_pull_version` bigint NOT NULL DEFAULT 0,
	`created_at` datetime(3) NOT NULL,
	CONSTRAINT `stores_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `sync_losses` (
	`id` int AUTO_INCREMENT NOT NULL,
	`store_id` varchar(32) NOT NULL,
	`device_id` binary(16) NOT NULL,
	`from_seq` bigint NOT NULL,
	`to_seq` bigint NOT NULL,
	`reported_at` datetime(3) NOT NULL,
	CONSTRAINT `sync_losses_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `sync_mutations` (
	`device_id` binary(16) NOT NULL,
	`seq` bigint NOT NULL,
	`store_id` varchar(32) NOT NULL,
	`kind` varchar(32) NOT NULL,
	`outcome` varchar(16) NOT NULL,
	`applied_at` datetime(3) NOT NULL,
	CONSTRAINT `sync_mutations_device_id_seq_pk` PRIMARY KEY(`device_id`,`seq`)
);
--> statement-breakpoint
CREATE INDEX `alerts_store_created` ON `alerts` (`store_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `devices_store` ON `devices` (`store_id`);--> statement-breakpoint
CREATE INDEX `order_lines_order` ON `order_lines` (`order_id`);--> statement-breakpoint
CREATE INDEX `order_lines_store_day` ON `order_lines` (`store_id`,`business_day`);--> statement-breakpoint
CREATE INDEX `order_vat_store_day` ON `order_vat` (`store_id`,`business_day`);--> statement-breakpoint
CREATE INDEX `orders_store_version` ON `orders` (`store_id`,`version`);--> statement-breakpoint
CREATE INDEX `orders_store_day` ON `orders` (`store_id`,`business_day`);--> statement-breakpoint
CREATE INDEX `payments_order` ON `payments` (`order_id`);--> statement-breakpoint
CREATE INDEX `payments_store_day` ON `payments` (`store_id`,`business_day`);--> statement-breakpoint
CREATE INDEX `rejections_store_version` ON `rejections` (`store_id`,`version`);