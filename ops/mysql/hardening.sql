-- What mysql_secure_installation does, as SQL to review and run once on a
-- new MySQL 8 server (as root, through the local socket). The root account
-- keeps auth_socket: only the system's root user may use it, on the server.
-- Afterwards create the application accounts with create-users.sh.

-- No anonymous accounts.
DELETE FROM mysql.user WHERE User = '';
-- root only from the server itself.
DELETE FROM mysql.user WHERE User = 'root' AND Host NOT IN ('localhost', '127.0.0.1', '::1');
-- No test database open to everyone.
DROP DATABASE IF EXISTS test;
DELETE FROM mysql.db WHERE Db = 'test' OR Db = 'test\\_%';
FLUSH PRIVILEGES;

-- The application's database, in the character set the server expects.
CREATE DATABASE IF NOT EXISTS pizzeria_management
  CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
