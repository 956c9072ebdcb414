-- MariaDB is MySQL here, with its own dialect number.
local cfg = require("database_mysql")
local mariadb = {}
for key, value in pairs(cfg) do mariadb[key] = value end
setmetatable(mariadb, getmetatable(cfg))
mariadb.DIALECT = 7
return mariadb
