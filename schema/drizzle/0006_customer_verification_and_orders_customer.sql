CREATE TABLE `email_verifications` (
	`token_hash` varchar(64) NOT NULL,
	`customer_id` binary(16) NOT NULL,
	`created_at` datetime(3) NOT NULL,
	`expires_at` datetime(3) NOT NULL,
	`used_at` datetime(3),
	CONSTRAINT `email_verifications_token_hash` PRIMARY KEY(`token_hash`)
);
--> statement-breakpoint
ALTER TABLE `orders` ADD `customer_id` binary(16);--> statement-breakpoint
ALTER TABLE `customers` ADD `email_verified_at` datetime(3);--> statement-breakpoint
CREATE INDEX `email_verifications_customer` ON `email_verifications` (`customer_id`);--> statement-breakpoint
CREATE INDEX `orders_customer` ON `orders` (`customer_id`);