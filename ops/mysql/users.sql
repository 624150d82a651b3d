-- The MySQL accounts of OC Pizza, each with only what it needs. Rendered
-- and run by ops/mysql/create-users.sh, which fills in the names in braces
-- (never edit passwords into this file). Run as an administrator.
--
-- {{APP_USER}}: the sync server. Reads and writes rows, nothing else, plus
--   CREATE because the server checks at start with CREATE DATABASE / TABLE
--   IF NOT EXISTS, which MySQL authorises before seeing that the object
--   exists. It cannot ALTER, DROP, TRUNCATE, create triggers, or read any
--   other database (mysql.user included).
-- {{MIGRATE_USER}}: applies schema migrations (install and update scripts).
--   Keep it: it is the DEFINER of the triggers that keep the fiscal journal
--   append-only, and they stop working if it is dropped. Lock it between
--   updates (ALTER USER ... ACCOUNT LOCK) if you like: triggers still run.
-- {{BACKUP_USER}}: mysqldump --single-transaction --no-tablespaces: reads
--   rows, views and triggers; cannot write.

CREATE USER IF NOT EXISTS '{{APP_USER}}'@'{{APP_HOST}}' IDENTIFIED BY '{{APP_PASSWORD}}';
GRANT SELECT, INSERT, UPDATE, DELETE, CREATE ON `{{DATABASE}}`.* TO '{{APP_USER}}'@'{{APP_HOST}}';

CREATE USER IF NOT EXISTS '{{MIGRATE_USER}}'@'{{APP_HOST}}' IDENTIFIED BY '{{MIGRATE_PASSWORD}}';
GRANT SELECT, INSERT, UPDATE, DELETE, CREATE, ALTER, DROP, INDEX, REFERENCES, TRIGGER,
  CREATE VIEW, SHOW VIEW, LOCK TABLES ON `{{DATABASE}}`.* TO '{{MIGRATE_USER}}'@'{{APP_HOST}}';

CREATE USER IF NOT EXISTS '{{BACKUP_USER}}'@'{{BACKUP_HOST}}' IDENTIFIED BY '{{BACKUP_PASSWORD}}';
GRANT SELECT, SHOW VIEW, TRIGGER ON `{{DATABASE}}`.* TO '{{BACKUP_USER}}'@'{{BACKUP_HOST}}';
