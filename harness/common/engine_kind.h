// The engines Crucible knows, and the SQL dialect each one speaks.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace crucible {

enum class EngineKind { sqlite, postgres, mysql, mariadb, db2 };

// Dialects drive statement splitting and SQL normalisation. MariaDB speaks MySQL's dialect.
enum class Dialect { sqlite, postgres, mysql, db2 };

std::string_view engine_name(EngineKind kind);  // "sqlite", "postgres", ...
std::optional<EngineKind> parse_engine_name(std::string_view name);
Dialect dialect_of(EngineKind kind);
const std::vector<EngineKind>& all_engine_kinds();

}  // namespace crucible
