-- Journal anomalies are facts too: what the server noticed when a ticket
-- arrived (and which tickets it left out of the figures) may not be changed
-- or removed. One statement per trigger, as in 0002_immutability.sql.
CREATE TRIGGER `journal_anomalies_no_update` BEFORE UPDATE ON `journal_anomalies` FOR EACH ROW SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'journal_anomalies is append-only: an anomaly is never changed';
--> statement-breakpoint
CREATE TRIGGER `journal_anomalies_no_delete` BEFORE DELETE ON `journal_anomalies` FOR EACH ROW SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'journal_anomalies is append-only: an anomaly is never deleted';
