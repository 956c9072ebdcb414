-- MySQL and MariaDB quote identifiers with backticks (double quotes are strings there unless
-- ANSI_QUOTES is on). Otherwise the same as the generic down: the schema of 0001, written
-- differently.
CREATE TABLE `accounts`
(
    `id`      INTEGER      NOT NULL  PRIMARY KEY,   -- the key
    `email`   VARCHAR(254) NOT NULL,
    `status`  VARCHAR(16)  NOT NULL DEFAULT 'active',
    `balance` INTEGER      NOT NULL DEFAULT 0,
    CONSTRAINT `accounts_email_key` UNIQUE (`email`),
    CONSTRAINT `accounts_balance_check` CHECK ( `balance`>=0 )
);
CREATE INDEX `accounts_status_idx`
    ON `accounts` (`status`, `email`);
CREATE VIEW `active_accounts` AS
    SELECT `id`, `email`
      FROM `accounts`
     WHERE `status` = 'active';
