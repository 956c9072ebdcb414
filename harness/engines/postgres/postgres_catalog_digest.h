// A fingerprint of a PostgreSQL database's catalog, computed by the server in one round trip
// (Database::catalog_digest).
#pragma once

#include <string>

#include <pqxx/pqxx>

namespace crucible::postgres {

// What the digest's session has prepared: a new backend, or a migration's DEALLOCATE, starts over.
struct DigestStatement {
  int backend_pid = 0;
};

// md5 over a text line per catalog object, built from names, never OIDs: an object dropped and
// re-created identically digests the same. The lines cover everything read_catalog() reads
// (and more: extension members, aggregates, disabled triggers), so equal digests mean equal
// snapshots; different digests only mean "take the snapshots and diff them". Throws pqxx
// exceptions.
std::string catalog_digest(pqxx::connection& connection, DigestStatement& prepared);

}  // namespace crucible::postgres
