CREATE TABLE `customers` (
	`id` binary(16) NOT NULL,
	`email` varchar(254),
	`name` varchar(120) NOT NULL,
	`phone` varchar(32),
	`password_hash` varchar(255),
	`created_at` datetime(3) NOT NULL,
	`erased_at` datetime(3),
	CONSTRAINT `customers_id` PRIMARY KEY(`id`),
	CONSTRAINT `customers_email` UNIQUE(`email`)
);
--> statement-breakpoint
CREATE TABLE `login_attempts` (
	`key_kind` enum('account','address') NOT NULL,
	`key_hash` varchar(64) NOT NULL,
	`window_start` datetime(3) NOT NULL,
	`count` int NOT NULL,
	CONSTRAINT `login_attempts_key_kind_key_hash_pk` PRIMARY KEY(`key_kind`,`key_hash`)
);
--> statement-breakpoint
CREATE TABLE `password_resets` (
	`token_hash` varchar(64) NOT NULL,
	`subject_kind` enum('staff','customer') NOT NULL,
	`subject_id` binary(16) NOT NULL,
	`created_at` datetime(3) NOT NULL,
	`expires_at` datetime(3) NOT NULL,
	`used_at` datetime(3),
	CONSTRAINT `password_resets_token_hash` PRIMARY KEY(`token_hash`)
);
--> statement-breakpoint
CREATE TABLE `sessions` (
	`id` varchar(64) NOT NULL,
	`subject_kind` enum('staff','customer') NOT NULL,
	`subject_id` binary(16) NOT NULL,
	`created_at` datetime(3) NOT NULL,
	`last_seen_at` datetime(3) NOT NULL,
	`expires_at` datetime(3) NOT NULL,
	`revoked_at` datetime(3),
	`user_agent_hash` varchar(64),
	CONSTRAINT `sessions_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `staff` (
	`id` binary(16) NOT NULL,
	`email` varchar(254) NOT NULL,
	`name` varchar(120) NOT NULL,
	`role` enum('manager','counter','pizzaiolo','driver') NOT NULL,
	`password_hash` varchar(255),
	`created_at` datetime(3) NOT NULL,
	`disabled_at` datetime(3),
	CONSTRAINT `staff_id` PRIMARY KEY(`id`),
	CONSTRAINT `staff_email` UNIQUE(`email`)
);
--> statement-breakpoint
CREATE TABLE `staff_stores` (
	`staff_id` binary(16) NOT NULL,
	`store_id` varchar(32) NOT NULL,
	CONSTRAINT `staff_stores_staff_id_store_id_pk` PRIMARY KEY(`staff_id`,`store_id`)
);
--> statement-breakpoint
CREATE INDEX `password_resets_subject` ON `password_resets` (`subject_kind`,`subject_id`);--> statement-breakpoint
CREATE INDEX `sessions_subject` ON `sessions` (`subject_kind`,`subject_id`);--> statement-breakpoint
CREATE INDEX `staff_stores_store` ON `staff_stores` (`store_id`);