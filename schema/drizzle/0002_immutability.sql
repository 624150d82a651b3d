-- Journal entries and closings are facts: nothing may change or remove them.
-- Each trigger is a single statement (no BEGIN ... END), so it runs through
-- mysql2 without DELIMITER, on MariaDB 10.11 and MySQL 8 alike.
CREATE TRIGGER `journal_entries_no_update` BEFORE UPDATE ON `journal_entries` FOR EACH ROW SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'journal_entries is append-only: a ticket is never changed; issue a credit note instead';
--> statement-breakpoint
CREATE TRIGGER `journal_entries_no_delete` BEFORE DELETE ON `journal_entries` FOR EACH ROW SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'journal_entries is append-only: a ticket is never deleted; issue a credit note instead';
--> statement-breakpoint
CREATE TRIGGER `closings_no_update` BEFORE UPDATE ON `closings` FOR EACH ROW SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'closings is append-only: a closing is never changed';
--> statement-breakpoint
CREATE TRIGGER `closings_no_delete` BEFORE DELETE ON `closings` FOR EACH ROW SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'closings is append-only: a closing is never deleted';
