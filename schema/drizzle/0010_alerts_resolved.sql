ALTER TABLE `alerts` ADD `acknowledged_by_id` binary(16);--> statement-breakpoint
ALTER TABLE `alerts` ADD `resolved_at` datetime(3);--> statement-breakpoint
CREATE INDEX `alerts_kind_device` ON `alerts` (`kind`,`device_id`);