ALTER TABLE `orders` ADD `taken_by_staff_id` binary(16);--> statement-breakpoint
ALTER TABLE `orders` ADD `status_by_staff_id` binary(16);--> statement-breakpoint
ALTER TABLE `orders` ADD `status_approved_by_staff_id` binary(16);--> statement-breakpoint
ALTER TABLE `payments` ADD `staff_id` binary(16);--> statement-breakpoint
ALTER TABLE `payments` ADD `approved_by_staff_id` binary(16);--> statement-breakpoint
ALTER TABLE `cash_movements` ADD `staff_id` binary(16);--> statement-breakpoint
ALTER TABLE `cash_movements` ADD `approved_by_staff_id` binary(16);--> statement-breakpoint
ALTER TABLE `journal_entries` ADD `staff_id` binary(16);--> statement-breakpoint
ALTER TABLE `journal_entries` ADD `approved_by_staff_id` binary(16);--> statement-breakpoint
ALTER TABLE `shifts` ADD `opened_by_staff_id` binary(16);--> statement-breakpoint
ALTER TABLE `shifts` ADD `closed_by_staff_id` binary(16);--> statement-breakpoint
ALTER TABLE `staff` ADD `pin_hash` varchar(255);