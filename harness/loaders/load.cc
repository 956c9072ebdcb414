// load_migrations: picks the loader for a folder, by its contents or as the user says.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

#include "harness/common/error.h"
#include "harness/loaders/directory.h"
#include "harness/loaders/loader.h"

namespace crucible {
namespace {

constexpr std::string_view kSupportedFormats = "auto, sql";

bool any_with_extension(const std::vector<std::string>& files, std::string_view extension) {
  return std::any_of(files.begin(), files.end(),
                     [&](const std::string& file) { return file.ends_with(extension); });
}

// A few of the files, for a message about what the folder holds.
std::string sample(const std::vector<std::string>& files) {
  constexpr size_t kShown = 3;
  std::vector<std::string> shown(files.begin(), files.begin() + std::min(files.size(), kShown));
  std::string list = fmt::format("{}", fmt::join(shown, ", "));
  return files.size() > kShown ? fmt::format("{}, … ({} files)", list, files.size()) : list;
}

std::string detect_format(const std::string& root) {
  std::vector<std::string> files = loaders::list_files(root);
  bool sql = any_with_extension(files, ".sql"), lua = any_with_extension(files, ".lua");
  if (sql && !lua) return "sql";
  std::string why = sql             ? "it holds both .sql and .lua files"
                    : files.empty() ? "it holds no files"
                                    : fmt::format("no .sql migrations among {}", sample(files));
  throw Error(fmt::format("cannot recognise the migration format of {} ({}; supported formats: {})",
                          root, why, kSupportedFormats));
}

}  // namespace

MigrationSet load_migrations(const std::string& root, const std::vector<EngineKind>& engines,
                             const std::string& format) {
  std::string chosen = format == "auto" ? detect_format(root) : format;
  if (chosen == "sql") return load_sql_directory(root, engines);
  throw Error(fmt::format("unknown migration format '{}' (supported formats: {})", format,
                          kSupportedFormats));
}

}  // namespace crucible
