// Views, triggers, routines and (MariaDB) sequences.
#include <map>

#include <fmt/format.h>

#include "harness/engines/mysql/mysql_snapshot_parts.h"
#include "harness/sql/lexer.h"

namespace crucible::mysql {

// By EVENT_OBJECT_SCHEMA, the table's schema (always the trigger's own): it is the column
// information_schema.TRIGGERS looks tables up by. Filtered on TRIGGER_SCHEMA, MariaDB opens
// every table of every database ("Scanned all databases" in EXPLAIN): 1 ms a snapshot here.
const char* const kTriggersQuery =
    "SELECT TRIGGER_NAME, EVENT_OBJECT_TABLE, ACTION_TIMING, EVENT_MANIPULATION, ACTION_ORDER, "
    "ACTION_STATEMENT FROM information_schema.TRIGGERS WHERE EVENT_OBJECT_SCHEMA = {schema}";

const char* const kRoutinesQuery =
    "SELECT ROUTINE_NAME, ROUTINE_TYPE, DTD_IDENTIFIER, ROUTINE_DEFINITION, IS_DETERMINISTIC, "
    "SQL_DATA_ACCESS, SECURITY_TYPE FROM information_schema.ROUTINES "
    "WHERE ROUTINE_SCHEMA = {schema}";

const char* const kParametersQuery =
    "SELECT SPECIFIC_NAME, ROUTINE_TYPE, PARAMETER_MODE, PARAMETER_NAME, DTD_IDENTIFIER "
    "FROM information_schema.PARAMETERS WHERE SPECIFIC_SCHEMA = {schema} AND ORDINAL_POSITION > 0 "
    "ORDER BY SPECIFIC_NAME, ORDINAL_POSITION";

namespace {

enum ViewField { kViewName, kViewDefinition, kCheckOption, kViewSecurity, kAlgorithm };
enum TriggerField { kTriggerName, kTriggerTable, kTiming, kEvent, kOrder, kStatement };
enum RoutineField { kRoutineName, kRoutineType, kReturns, kBody, kDeterministic, kDataAccess,
                    kRoutineSecurity };
enum ParameterField { kParamRoutine, kParamRoutineType, kMode, kParamName, kParamType };

std::string lower(const std::string& text) { return sql::ascii_lower(text); }

// "in x int(11), out y varchar(10)" per (routine name, routine type).
std::map<std::pair<std::string, std::string>, std::string> parameter_lists(
    SnapshotReader& reader) {
  std::map<std::pair<std::string, std::string>, std::string> lists;
  for (const TextRow& row : reader.rows(kParametersQuery, "routine parameters")) {
    std::string& list = lists[{row.text(kParamRoutine), row.text(kParamRoutineType)}];
    if (!list.empty()) list += ", ";
    // MariaDB reports IN for function parameters too; only procedures can say anything else.
    if (row.text(kParamRoutineType) == "PROCEDURE") list += row.text(kMode) + " ";
    list += quote_identifier(row.text(kParamName)) + " " + row.text(kParamType);
  }
  return lists;
}

}  // namespace

// The SELECT as the server stored it (it rewrites every view into one canonical form, so
// `SELECT a FROM t` and `select t.a AS a from t` compare equal), with the schema qualifiers
// removed; plus what changes behaviour: CHECK OPTION, SQL SECURITY INVOKER and, on MariaDB,
// an explicit ALGORITHM.
void read_views(SnapshotReader& reader, catalog::Catalog& catalog) {
  for (const TextRow& row : reader.rows(reader.dialect().views_query, "views")) {
    std::string definition;
    if (!row.text(kAlgorithm).empty() && row.text(kAlgorithm) != "UNDEFINED")
      definition += "algorithm = " + lower(row.text(kAlgorithm)) + " ";
    if (row.text(kViewSecurity) == "INVOKER") definition += "sql security invoker ";
    definition += normalized_definition(row.text(kViewDefinition), reader.schema());
    if (row.text(kCheckOption) != "NONE" && !row.text(kCheckOption).empty())
      definition += " with " + lower(row.text(kCheckOption)) + " check option";
    catalog.views.push_back({row.text(kViewName), definition, false});
  }
}

// "before insert order 1 set new.b = new.b + 1": timing, event, position among the table's
// triggers for that timing and event (FOLLOWS/PRECEDES), and the normalised body.
void read_triggers(SnapshotReader& reader, catalog::Catalog& catalog) {
  for (const TextRow& row : reader.rows(kTriggersQuery, "triggers")) {
    std::string definition =
        fmt::format("{} {} order {} {}", lower(row.text(kTiming)), lower(row.text(kEvent)),
                    row.text(kOrder), normalized_definition(row.text(kStatement), reader.schema()));
    catalog.triggers.push_back({row.text(kTriggerName), row.text(kTriggerTable), definition});
  }
}

// "(in x int(11)) returns int(11) deterministic contains sql sql security definer <body>":
// the signature, the characteristics that change behaviour, and the normalised body.
void read_routines(SnapshotReader& reader, catalog::Catalog& catalog) {
  Rows routines = reader.rows(kRoutinesQuery, "routines");
  if (routines.empty()) return;  // PARAMETERS is the slowest information_schema table to read
  auto parameters = parameter_lists(reader);
  for (const TextRow& row : routines) {
    const std::string& type = row.text(kRoutineType);
    std::string text = "(" + parameters[{row.text(kRoutineName), type}] + ")";
    if (type == "FUNCTION") text += " returns " + row.text(kReturns);
    text += row.flag(kDeterministic) ? " deterministic " : " not deterministic ";
    text += row.text(kDataAccess) + " sql security " + row.text(kRoutineSecurity) + " ";
    text += row.text(kBody);
    catalog.routines.push_back(
        {row.text(kRoutineName), lower(type), normalized_definition(text, reader.schema())});
  }
}

// MariaDB sequences have no information_schema view in 10.11; each one is a one-row table
// holding its definition (and its current value, which is state and not read).
void read_sequences(SnapshotReader& reader, const std::vector<std::string>& names,
                    catalog::Catalog& catalog) {
  for (const std::string& name : names) {
    Rows rows = reader.run(
        fmt::format("SELECT start_value, increment, minimum_value, maximum_value, cycle_option "
                    "FROM {}.{}", quote_identifier(reader.schema()), quote_identifier(name)),
        "reading sequence " + name);
    if (rows.empty()) continue;
    const TextRow& row = rows.front();
    catalog::Sequence sequence;
    sequence.name = name;
    sequence.type = "bigint";  // the only sequence type before MariaDB 11.5
    sequence.start = row.integer(0);
    sequence.increment = row.integer(1);
    sequence.min_value = row.integer(2);
    sequence.max_value = row.integer(3);
    sequence.cycle = row.flag(4);
    catalog.sequences.push_back(std::move(sequence));
  }
}

}  // namespace crucible::mysql
