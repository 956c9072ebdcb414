-- Run once by the MariaDB and MySQL images at first start (docker-entrypoint-initdb.d).
-- MARIADB_USER / MYSQL_USER only get rights on one database; Crucible creates and drops its own
-- scratch databases (crucible_<run>_<n>), so its user needs global rights, like the `crucible`
-- superuser that ci/start-engines.sh creates.
GRANT ALL PRIVILEGES ON *.* TO 'crucible'@'%' WITH GRANT OPTION;
FLUSH PRIVILEGES;
