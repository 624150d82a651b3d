CREATE TABLE `discount_limits` (
	`role` varchar(16) NOT NULL,
	`max_percent_bp` smallint NOT NULL,
	CONSTRAINT `discount_limits_role` PRIMARY KEY(`role`)
);
--> statement-breakpoint
CREATE TABLE `price_changes` (
	`id` int AUTO_INCREMENT NOT NULL,
	`product_id` varchar(48) NOT NULL,
	`size` varchar(8) NOT NULL,
	`price_cents` int NOT NULL,
	`effective_at` datetime(3) NOT NULL,
	`created_at` datetime(3) NOT NULL,
	`created_by_staff_id` binary(16),
	CONSTRAINT `price_changes_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `product_allergens` (
	`product_id` varchar(48) NOT NULL,
	`allergen` varchar(16) NOT NULL,
	CONSTRAINT `product_allergens_product_id_allergen_pk` PRIMARY KEY(`product_id`,`allergen`)
);
--> statement-breakpoint
CREATE TABLE `product_unavailability` (
	`product_id` varchar(48) NOT NULL,
	`store_id` varchar(32) NOT NULL,
	`since` datetime(3) NOT NULL,
	CONSTRAINT `product_unavailability_product_id_store_id_pk` PRIMARY KEY(`product_id`,`store_id`)
);
--> statement-breakpoint
CREATE TABLE `promotions` (
	`id` varchar(48) NOT NULL,
	`name_fr` varchar(80) NOT NULL,
	`name_en` varchar(80) NOT NULL,
	`kind` varchar(16) NOT NULL,
	`percent_bp` smallint NOT NULL,
	`category_ids` varchar(1000) NOT NULL DEFAULT '',
	`starts_on` date NOT NULL,
	`ends_on` date NOT NULL,
	`weekdays` varchar(16) NOT NULL DEFAULT '',
	`active` boolean NOT NULL DEFAULT true,
	`created_at` datetime(3) NOT NULL,
	CONSTRAINT `promotions_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
ALTER TABLE `order_lines` ADD `discount_cents` int DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `order_lines` ADD `discount` varchar(64);--> statement-breakpoint
ALTER TABLE `order_lines` ADD `promotion_id` varchar(48);--> statement-breakpoint
ALTER TABLE `orders` ADD `discount` varchar(64);--> statement-breakpoint
ALTER TABLE `orders` ADD `discount_approved_by_staff_id` binary(16);--> statement-breakpoint
CREATE INDEX `price_changes_product_size` ON `price_changes` (`product_id`,`size`,`effective_at`);