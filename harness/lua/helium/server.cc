#include "harness/lua/helium/server.h"

#include "harness/common/source_file.h"
#include "harness/common/text_regex.h"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <optional>
#include <regex>
#include <sstream>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "harness/lua/helium/diagram.h"
#include "harness/engines/engine.h"
#include "harness/engines/registry.h"
#include "harness/lua/helium/source_line.h"
#include "harness/sql/splitter.h"

namespace crucible::helium {
namespace {

constexpr const char* kQueryDelimiter = "-- QUERY DELIMITER";
constexpr const char* kSubqueryDelimiter = "-- SUBQUERY DELIMITER";
constexpr long kForward = 1000, kReverse = 1001, kDiagram = 1002, kApplied = 1003;

std::optional<long> as_number(const SqlValue& value) {
  if (auto* i = std::get_if<int64_t>(&value)) return *i;
  if (auto* d = std::get_if<double>(&value)) return static_cast<long>(*d);
  if (auto* s = std::get_if<std::string>(&value)) return std::stol(*s);
  return std::nullopt;
}

// What the queries table says about migrations: which refs have a forward row, which applied.
struct QueriesState {
  bool table_exists = false;
  std::map<long, bool> forward_rows;  // ref → applied (true: type 1003, false: type 1000)

  std::optional<long> highest_applied() const {
    std::optional<long> out;
    for (auto& [ref, applied] : forward_rows)
      if (applied) out = ref;
    return out;
  }
  // The server's next APPLY: the lowest ref with a type-1000 row above the highest applied.
  std::optional<long> next() const {
    auto applied = highest_applied();
    for (auto& [ref, is_applied] : forward_rows)
      if (!is_applied && (!applied || ref > *applied)) return ref;
    return std::nullopt;
  }
};

QueriesState read_state(Database& db) {
  QueriesState state;
  QueryResult rows = db.query(Statement{
      fmt::format("SELECT query_ref, query_type_a28 FROM queries WHERE query_type_a28 IN ({}, {})",
                  kForward, kApplied),
      {"queries", 0}});
  if (!rows.ok()) return state;  // no queries table (yet, or any more)
  state.table_exists = true;
  for (auto& row : rows.rows) {
    auto ref = as_number(row[0]), type = as_number(row[1]);
    if (ref && type) state.forward_rows[*ref] |= (*type == kApplied);
  }
  return state;
}

// The statement's first keyword, upper-cased ("UPDATE"), after blanks and comments. A comment's
// body is written so that it cannot run past its `*/`: the search then has one match, the same
// for text_regex's executor, which keeps the longest, as for backtracking.
std::string first_word(const std::string& sql) {
  static const std::regex word =
      text_regex(R"(^(?:\s|--[^\n]*\n|/\*(?:[^*]|\*+[^*/])*\*+/)*([A-Za-z]+))");
  std::smatch match;
  if (!std::regex_search(sql, match, word)) return "";
  std::string out = match[1].str();
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

bool is_update_or_delete(const std::string& sql) {
  std::string word = first_word(sql);
  return word == "UPDATE" || word == "DELETE";
}

std::string read_source(const std::string& path) { return read_source_file(path); }

// A library that expands macros before it encodes [=[ … ]=] blocks (the real one does) leaves an
// undefined ${NAME} inside the block; it travels as base64 and only the server sees it, as a
// syntax error. Said in words when a failing statement holds one.
std::string unexpanded_macro_hint(const std::string& statement) {
  static const std::regex macro = text_regex(R"(\$\{([A-Za-z0-9_]+)\})");
  std::smatch match;
  if (!std::regex_search(statement, match, macro)) return "";
  std::string name = match[1].str();
  return fmt::format(" (the statement holds ${{{0}}}: a macro the design's library left "
                     "unexpanded inside a [=[ … ]=] block, undefined for this engine; define it "
                     "with --define {0}=VALUE or in the environment)", name);
}

// A library without BASE64_START/END (the public MySQL one) stores an encoded block as the bare
// base64 text, and the server is handed that text as the statement. Said in words.
std::string bare_base64_hint(const std::string& statement) {
  size_t first = statement.find_first_not_of(" \t\r\n;");
  size_t last = statement.find_last_not_of(" \t\r\n;");
  if (first == std::string::npos || last - first + 1 < 16) return "";
  for (size_t i = first; i <= last; ++i) {
    char c = statement[i];
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '+' && c != '/' && c != '=')
      return "";
  }
  return " (the statement is base64 text: the engine's macro library defines no "
         "BASE64_START/BASE64_END, so the encoded [=[ … ]=] block was stored without a decode "
         "call and the server received it undecoded)";
}

std::string describe(std::optional<long> ref) { return ref ? std::to_string(*ref) : "none"; }

class ServerProgram : public MigrationProgram {
 public:
  ServerProgram(std::shared_ptr<const Design> design, size_t index)
      : design_(std::move(design)), index_(index), ref_(design_->refs()[index]) {}

  ExecResult apply(Database& db, ApplyDirection direction) const override {
    return direction == ApplyDirection::forward ? forward(db) : reverse(db);
  }

  std::vector<std::string> run_notes() const override {
    return index_ == 0 ? design_->notes() : std::vector<std::string>{};
  }

  std::vector<std::string> bookkeeping_tables() const override { return {"queries"}; }

  std::vector<ProgramCheck> check_after(Database& db, ApplyDirection direction) const override {
    std::vector<ProgramCheck> checks{state_check(db, direction)};
    if (direction == ApplyDirection::forward) checks.push_back(diagram_check(db));
    return checks;
  }

 private:
  // `diagram`: the migration's diagram row (1002) against the live catalog (diagram.h).
  ProgramCheck diagram_check(Database& db) const {
    ProgramCheck check{"diagram", true, ""};
    QueryResult row = db.query(Statement{
        fmt::format("SELECT collection FROM queries WHERE query_ref = {} AND query_type_a28 = {}",
                    ref_, kDiagram),
        {design_->display(index_), 0}});
    if (!row.ok() || row.rows.empty() || !std::holds_alternative<std::string>(row.rows[0][0])) {
      check.skipped = true;
      check.message = row.ok() && !row.rows.empty()
          ? fmt::format("the diagram row ({}) of {} has no JSON in collection", kDiagram, ref_)
          : fmt::format("{} has no diagram row ({})", ref_, kDiagram);
      return check;
    }
    try {
      auto problems = compare_diagram(parse_diagram(std::get<std::string>(row.rows[0][0])),
                                      db.snapshot());
      check.passed = problems.empty();
      constexpr size_t kShown = 3;
      std::vector<std::string> shown(problems.begin(),
                                     problems.begin() + std::min(problems.size(), kShown));
      check.message = problems.empty()
          ? "the diagram matches the catalog"
          : fmt::format("{}{}", fmt::join(shown, "; "),
                        problems.size() > kShown
                            ? fmt::format(" (and {} more)", problems.size() - kShown) : "");
    } catch (const Error& e) {
      check.passed = false;
      check.message = fmt::format("the diagram row ({}) of {}: {}", kDiagram, ref_, e.what());
    }
    return check;
  }

  ProgramCheck state_check(Database& db, ApplyDirection direction) const {
    QueriesState state = read_state(db);
    ProgramCheck check{"state", true, ""};
    auto fail = [&](std::string why) {
      check.passed = false;
      check.message = std::move(why);
    };
    if (direction == ApplyDirection::forward) {
      if (!state.table_exists) fail("the queries table does not exist after the forward");
      else if (!state.forward_rows.contains(ref_) || !state.forward_rows[ref_])
        fail(fmt::format("{} is not marked applied ({}) after its forward", ref_, kApplied));
      else if (state.highest_applied() != ref_)
        fail(fmt::format("highest applied is {}, expected {}", describe(state.highest_applied()), ref_));
      else check.message = fmt::format("{}: {} → {}", ref_, kForward, kApplied);
    } else if (index_ == 0) {
      if (state.table_exists) fail("the queries table still exists after reversing the bootstrap");
      else check.message = "queries table dropped";
    } else if (!state.table_exists) {
      fail(fmt::format("the queries table is gone after reversing {}", ref_));
    } else if (state.forward_rows[ref_]) {
      fail(fmt::format("{} is still marked applied ({}) after its reverse: the reverse code does "
                       "not flip its row back to {}", ref_, kApplied, kForward));
    } else {
      check.message = fmt::format("{}: {} → {}", ref_, kApplied, kForward);
    }
    return check;
  }

  ExecResult forward(Database& db) const {
    QueriesState state = read_state(db);
    if (!state.table_exists && index_ != 0)
      return failure(fmt::format("no queries table: the design's bootstrap {} has not run",
                                 design_->refs()[0]));
    // LOAD this file unless its rows are already there (a re-apply after a reverse).
    if (!state.table_exists || !state.forward_rows.contains(ref_)) {
      ExecResult load = run_load(db);
      if (!load.ok()) return load;
      state = read_state(db);
      // The bootstrap registers itself as applied (1003); one that leaves its own forward row at
      // 1000 instead is APPLYed like any other file.
      bool bootstrap_pending = state.forward_rows.contains(ref_) && !state.forward_rows[ref_];
      if (index_ == 0 && !bootstrap_pending) return load;
      if (!state.forward_rows.contains(ref_))
        return failure(fmt::format("LOAD of {} inserted no forward row ({}) for {}",
                                   design_->display(index_), kForward, ref_));
    }
    if (state.forward_rows[ref_])
      return failure(fmt::format("{} is already applied ({})", ref_, kApplied));
    if (state.next() != ref_)
      return failure(fmt::format("the server would apply {} next (highest applied {}), not {}",
                                 describe(state.next()), describe(state.highest_applied()), ref_));
    return run_code(db, kForward, /*must_advance=*/true);
  }

  ExecResult reverse(Database& db) const {
    QueriesState state = read_state(db);
    if (!state.table_exists) return failure("no queries table to reverse from");
    if (state.highest_applied() != ref_)
      return failure(fmt::format("the server would reverse {} (the highest applied), not {}",
                                 describe(state.highest_applied()), ref_));
    return run_code(db, kReverse, /*must_advance=*/false);
  }

  ExecResult failure(std::string message) const {
    ExecResult result;
    result.error = StatementError{std::move(message), "", {design_->display(index_), 0}, ""};
    result.rolled_back = true;
    return result;
  }

  // LOAD: the file's generated queries in one transaction.
  ExecResult run_load(Database& db) const {
    std::string sql;
    try {
      sql = design_->sql(index_);
    } catch (const Error& e) {
      ExecResult result = failure(e.what());
      result.error->where = location_in(e.what());
      return result;
    }
    std::vector<std::string> pieces;
    for (auto& query : lua::helium::split_on_delimiter(sql, kQueryDelimiter))
      for (auto& piece : lua::helium::split_on_delimiter(query, kSubqueryDelimiter))
        pieces.push_back(piece);
    return run_transaction(db, pieces, "LOAD", [] { return std::optional<std::string>(); });
  }

  // APPLY / REVERSE: the stored code of `type` for this ref, in one transaction.
  ExecResult run_code(Database& db, long type, bool must_advance) const {
    QueryResult code = db.query(Statement{
        fmt::format("SELECT code FROM queries WHERE query_ref = {} AND query_type_a28 = {}", ref_, type),
        {design_->display(index_), 0}});
    if (!code.ok()) return failure("reading the stored code: " + code.error->message);
    if (code.rows.empty() || !std::holds_alternative<std::string>(code.rows[0][0]))
      return failure(fmt::format("no {} row ({}) with code for {} in queries",
                                 type == kForward ? "forward" : "reverse", type, ref_));
    auto pieces = lua::helium::split_on_delimiter(std::get<std::string>(code.rows[0][0]),
                                                  kSubqueryDelimiter);
    const char* step = type == kForward ? "APPLY" : "REVERSE";
    return run_transaction(db, pieces, step, [&]() -> std::optional<std::string> {
      if (!must_advance) return std::nullopt;
      auto applied = read_state(db).highest_applied();
      if (applied == ref_) return std::nullopt;
      return fmt::format("APPLY {}: the applied number did not advance (highest applied {}): its "
                         "code must update its own row {} → {}", ref_, describe(applied), kForward,
                         kApplied);
    });
  }

  template <typename Verify>
  ExecResult run_transaction(Database& db, const std::vector<std::string>& pieces,
                             const char* step, Verify verify) const {
    ExecResult result;
    std::vector<std::string> succeeded;
    db.begin();
    for (size_t i = 0; i < pieces.size() && result.ok(); ++i) {
      if ((result.error = broken_piece(pieces[i], i, step))) break;
      for (const std::string& statement : statements_of(pieces[i])) {
        if ((result.error = run_statement(db, statement, step))) break;
        succeeded.push_back(statement);
        ++result.statements_run;
      }
    }
    if (result.ok())
      if (auto problem = verify()) result.error = StatementError{*problem, "", {design_->display(index_), 0}, ""};
    if (result.ok()) {
      QueryResult commit = db.query(Statement{"COMMIT", {design_->display(index_), 0}});
      if (commit.ok()) return finish(db, result, succeeded, step);
      result.error = commit.error;
    }
    db.rollback();
    return finish(db, result, succeeded, step);
  }

  // A piece whose text ends inside a comment, quote or body would run only its first half (or
  // be glued into one statement): an error before anything runs, never a silent pass.
  std::optional<StatementError> broken_piece(const std::string& piece, size_t index,
                                             const char* step) const {
    std::string file = design_->display(index_);
    auto split = sql::split_script(piece, dialect_of(design_->kind()), file);
    if (!split.defect) return std::nullopt;
    return StatementError{fmt::format("{} {}: piece {}, line {}: {}", step, ref_, index + 1,
                                      split.defect->where.line, split.defect->message),
                          "", {file, 0}, piece};
  }

  // A piece is sent whole, as the server does. A piece holding several statements (which the
  // server's multi-statement calls run in order) is split with the engine's dialect, because
  // Crucible's query() runs one statement at a time.
  std::vector<std::string> statements_of(const std::string& piece) const {
    auto split = sql::split_statements(piece, dialect_of(design_->kind()), design_->display(index_));
    if (split.size() <= 1) return {piece};
    std::vector<std::string> out;
    for (Statement& statement : split) out.push_back(std::move(statement.sql));
    return out;
  }

  // Runs one statement; its error (or --strict-dml's verdict), located in the migration file.
  std::optional<StatementError> run_statement(Database& db, const std::string& statement,
                                              const char* step) const {
    QueryResult r = db.query(Statement{statement, {design_->display(index_), 0}});
    std::optional<StatementError> error;
    if (!r.ok()) {
      error = r.error;
      error->message = fmt::format("{} {}: {}{}{}", step, ref_, r.error->message,
                                   unexpanded_macro_hint(statement), bare_base64_hint(statement));
    } else if (design_->options().strict_dml && std::string_view(step) != "LOAD" &&
               r.rows_affected == 0 && is_update_or_delete(statement)) {
      error = StatementError{
          fmt::format("{} {}: --strict-dml: {} touched no rows (DB2 fails such a statement; an "
                      "asymmetric forward/reverse pair?)", step, ref_, first_word(statement)),
          "", {}, ""};
    }
    if (error) {
      error->where = locate(statement, step);
      error->statement = statement;
    }
    return error;
  }

  // The migration file's line where a piece of stored code was written (0 when not found).
  SourceLocation locate(const std::string& piece, const char* step) const {
    const std::string& file = design_->display(index_);
    if (std::string_view(step) == "LOAD") return {file, 0};
    auto kind = std::string_view(step) == "APPLY" ? lua::helium::CodeKind::forward
                                                  : lua::helium::CodeKind::reverse;
    return {file, lua::helium::locate_statement(design_->source(index_), piece, kind)};
  }

  ExecResult finish(Database& db, ExecResult& result, const std::vector<std::string>& succeeded,
                    const char* step) const {
    bool implicit = false;
    if (auto commits = engine_facts(design_->kind()).commits_implicitly)
      for (const auto& sql : succeeded) implicit |= commits(sql);
    result.atomic = !implicit;
    result.rolled_back = !result.ok() && !implicit;
    // In the message, not only a note: on these engines non-atomic notes are the rule and the
    // run does not repeat them, but this one says the design's state is inconsistent.
    if (!result.ok() && implicit)
      result.error->message += fmt::format(" ({} of {} partially applied: DDL committed "
                                           "implicitly while {})", step, ref_, row_state(db));
    return result;
  }

  // What `queries` says about this migration after a partial failure, in words.
  std::string row_state(Database& db) const {
    QueriesState state = read_state(db);
    if (!state.table_exists) return "there is no queries table";
    auto row = state.forward_rows.find(ref_);
    if (row == state.forward_rows.end())
      return fmt::format("the queries table holds no forward row for {}", ref_);
    return fmt::format("its row still says {}", row->second ? kApplied : kForward);
  }

  // "file.lua:12: message" → file.lua:12
  SourceLocation location_in(const std::string& message) const {
    const std::string& file = design_->display(index_);
    if (message.rfind(file + ":", 0) == 0) {
      int line = std::atoi(message.c_str() + file.size() + 1);
      return {file, line};
    }
    return {file, 0};
  }

  std::shared_ptr<const Design> design_;
  size_t index_;
  long ref_;
};

}  // namespace

Design::Design(std::vector<lua::helium::GenerateRequest> files, std::vector<long> refs,
               EngineKind kind, DesignOptions options)
    : files_(std::move(files)), refs_(std::move(refs)), kind_(kind), options_(options) {}

const std::string& Design::sql(size_t index) const {
  std::lock_guard lock(mutex_);
  auto it = generated_.find(index);
  if (it == generated_.end())
    it = generated_.emplace(index, lua::helium::generate(files_[index])).first;
  return it->second.sql;
}

const std::string& Design::source(size_t index) const {
  std::lock_guard lock(mutex_);
  auto it = sources_.find(index);
  if (it == sources_.end()) it = sources_.emplace(index, read_source(files_[index].path)).first;
  return it->second;
}

std::vector<std::string> Design::notes() const {
  std::lock_guard lock(mutex_);
  int blocks = 0, files = 0;
  std::vector<std::string> skipped_function;  // files whose BROTLI_DECOMPRESS_FUNCTION was shimmed
  for (auto& [index, generated] : generated_) {
    blocks += generated.shimmed_blocks;
    files += generated.shimmed_blocks > 0;
    if (generated.brotli_function_skipped) skipped_function.push_back(files_[index].display);
  }
  std::vector<std::string> notes;
  if (blocks > 0)
    notes.push_back(fmt::format(
        "Helium transport shim on {}: {} Lua block{} over 1 KB in {} file{} sent as base64 "
        "instead of Brotli (a stock server cannot decompress Brotli; the `brotli` module was an "
        "identity and COMPRESS_START/END the BASE64 wrappers, so the stored code is the same text)",
        engine_name(kind_), blocks, blocks == 1 ? "" : "s", files, files == 1 ? "" : "s"));
  if (!skipped_function.empty())
    notes.push_back(fmt::format(
        "Helium transport shim on {}: ${{BROTLI_DECOMPRESS_FUNCTION}} in {} became a comment (it "
        "creates brotli_decompress from a C library a stock server lacks; with the shim nothing "
        "calls it)", engine_name(kind_), fmt::join(skipped_function, ", ")));
  return notes;
}

std::shared_ptr<const MigrationProgram> server_program(std::shared_ptr<const Design> design,
                                                       size_t index) {
  return std::make_shared<ServerProgram>(std::move(design), index);
}

}  // namespace crucible::helium
