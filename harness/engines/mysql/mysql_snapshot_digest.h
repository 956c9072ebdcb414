// A fingerprint of a MariaDB database's catalog, computed by the server
// (Database::catalog_digest).
#pragma once

#include <optional>
#include <string>

#include "harness/engines/mysql/mysql_connection.h"

namespace crucible::mysql {

// md5 over a hash per row of every information_schema row read_catalog() reads (and more: raw
// texts before normalisation, positions, engine-generated names), so equal digests mean equal
// snapshots; different digests only mean "take the snapshots and diff them". One round trip
// (two more when the database has sequences, whose options live in their own one-row tables).
// nullopt on MySQL (not measured here) and when the server's GROUP_CONCAT limit would cut the
// digest short. Throws crucible::Error.
std::optional<std::string> catalog_digest(Connection& connection, const std::string& schema);

}  // namespace crucible::mysql
