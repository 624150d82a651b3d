CREATE TABLE `rate_limit_counters` (
	`bucket` varchar(32) NOT NULL,
	`key_hash` varchar(64) NOT NULL,
	`window_start` datetime(3) NOT NULL,
	`count` int NOT NULL,
	CONSTRAINT `rate_limit_counters_bucket_key_hash_pk` PRIMARY KEY(`bucket`,`key_hash`)
);
--> statement-breakpoint
CREATE TABLE `store_closed_days` (
	`store_id` varchar(32) NOT NULL,
	`day` date NOT NULL,
	CONSTRAINT `store_closed_days_store_id_day_pk` PRIMARY KEY(`store_id`,`day`)
);
--> statement-breakpoint
CREATE TABLE `store_opening_hours` (
	`store_id` varchar(32) NOT NULL,
	`weekday` smallint NOT NULL,
	`opens_minute` smallint NOT NULL,
	`closes_minute` smallint NOT NULL,
	CONSTRAINT `store_opening_hours_store_id_weekday_opens_minute_pk` PRIMARY KEY(`store_id`,`weekday`,`opens_minute`)
);
--> statement-breakpoint
ALTER TABLE `stores` ADD `delivery_max_minutes` smallint DEFAULT 20 NOT NULL;--> statement-breakpoint
ALTER TABLE `stores` ADD `delivery_radius_m` int DEFAULT 3000 NOT NULL;--> statement-breakpoint
ALTER TABLE `stores` ADD `delivery_fee_cents` int DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `stores` ADD `minimum_order_cents` int DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `stores` ADD `legal_name` varchar(120) DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `stores` ADD `legal_address` varchar(255) DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `stores` ADD `siret` varchar(14) DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `stores` ADD `vat_number` varchar(13) DEFAULT '' NOT NULL;