-- MySQL 8 functional index syntax; MariaDB rejects it, so MariaDB must get its own variant.
CREATE INDEX counters_name_lower_idx ON counters ((lower(name)));
