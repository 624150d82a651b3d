CREATE TABLE `sales_summary` (
	`store_id` varchar(32) NOT NULL,
	`dimension` varchar(8) NOT NULL,
	`business_day` date NOT NULL,
	`key1` varchar(48) NOT NULL,
	`key2` varchar(16) NOT NULL DEFAULT '',
	`key3` varchar(48) NOT NULL DEFAULT '',
	`orders` int NOT NULL DEFAULT 0,
	`lines` int NOT NULL DEFAULT 0,
	`items` int NOT NULL DEFAULT 0,
	`amount_cents` bigint NOT NULL DEFAULT 0,
	`vat_cents` bigint NOT NULL DEFAULT 0,
	CONSTRAINT `sales_summary_store_id_dimension_business_day_key1_key2_key3_pk` PRIMARY KEY(`store_id`,`dimension`,`business_day`,`key1`,`key2`,`key3`)
);
--> statement-breakpoint
CREATE TABLE `sales_summary_state` (
	`store_id` varchar(32) NOT NULL,
	`summarized_version` bigint NOT NULL DEFAULT 0,
	`refreshed_at` datetime(3),
	CONSTRAINT `sales_summary_state_store_id` PRIMARY KEY(`store_id`)
);
