#include "harness/loaders/helium_directory.h"

#include <algorithm>
#include <filesystem>
#include <regex>

#include <fmt/format.h>

#include "harness/lua/helium/server.h"
#include "harness/common/error.h"
#include "harness/engines/registry.h"
#include "harness/loaders/directory.h"
#include "harness/lua/helium/native.h"

namespace crucible {
namespace {

namespace fs = std::filesystem;

struct DesignFile {
  std::string file, design;
  long ref;
};

DesignFile parse_name(const std::string& file) {
  size_t underscore = file.rfind('_');
  std::string number = file.substr(underscore + 1, file.size() - underscore - 1 - 4);
  return {file, file.substr(0, underscore), std::stol(number)};
}

bool has_file(const std::vector<std::string>& files, const std::string& name) {
  return std::find(files.begin(), files.end(), name) != files.end();
}

// Helium's engine name for a Crucible engine; a design's own library without
// database_mariadb.lua runs MariaDB as mysql (older designs predate the mariadb engine).
std::string helium_engine(EngineKind kind, const std::vector<std::string>& library_files, bool own) {
  if (kind == EngineKind::mariadb && own && !has_file(library_files, "database_mariadb.lua"))
    return "mysql";
  return std::string(engine_facts(kind).helium_name);
}

// Stock servers cannot decompress Brotli (no C extension or UDF): those get the transport shim.
bool needs_transport_shim(EngineKind kind) {
  return kind == EngineKind::postgres || kind == EngineKind::mysql || kind == EngineKind::mariadb;
}

bool is_library_folder(const std::string& dir) {
  std::error_code error;
  return fs::is_regular_file(fs::path(dir) / "database.lua", error);
}

}  // namespace

bool is_helium_file_name(const std::string& file) {
  static const std::regex name(R"(^[A-Za-z0-9_-]+_[0-9]+\.lua$)");
  return std::regex_match(file, name) && !is_helium_support_file(file);
}

bool is_helium_support_file(const std::string& file) {
  static const std::regex name(R"(^database(_[a-z0-9]+)?\.lua$)");
  return std::regex_match(file, name);
}

std::string helium_library_dir(const std::string& root) {
  if (is_library_folder(root)) return root;
  // A library shared by several designs, up to two folders up: database.lua and at least one
  // engine module beside it (a lone database.lua there may be something else).
  fs::path dir = fs::absolute(fs::path(root)).lexically_normal();
  for (int up = 0; up < 2 && dir.has_parent_path() && dir != dir.parent_path(); ++up) {
    dir = dir.parent_path();
    if (!is_library_folder(dir.string())) continue;
    for (const std::string& file : loaders::list_files(dir.string()))
      if (file.starts_with("database_") && is_helium_support_file(file)) return dir.string();
  }
  return "";
}

MigrationSet load_helium_directory(const std::string& root, const std::vector<EngineKind>& engines,
                                   const std::map<std::string, std::string>& defines,
                                   const helium::DesignOptions& options) {
  std::vector<std::string> files = loaders::list_files(root);
  std::string library_dir = helium_library_dir(root);
  bool own = !library_dir.empty();
  std::vector<std::string> library_files = own ? loaders::list_files(library_dir) : files;
  std::vector<DesignFile> design;
  for (const std::string& file : files) {
    if (!file.ends_with(".lua") || is_helium_support_file(file)) continue;
    if (!is_helium_file_name(file)) {
      if (own) continue;  // a module of the design's own library (base64.lua, util.lua, …)
      throw Error(fmt::format("{}/{}: not a Helium design file name (<design>_NNNN.lua)", root, file));
    }
    design.push_back(parse_name(file));
  }
  if (design.empty()) throw Error(fmt::format("{}: no Helium design files (<design>_NNNN.lua)", root));
  std::sort(design.begin(), design.end(), [](auto& a, auto& b) { return a.ref < b.ref; });
  for (size_t i = 1; i < design.size(); ++i)
    if (design[i].ref == design[i - 1].ref)
      throw Error(fmt::format("{}: {} and {} have the same migration number {}", root,
                              design[i - 1].file, design[i].file, design[i].ref));
  lua::helium::register_sqlite_functions();

  MigrationSet set{root, "helium", {}};
  std::vector<long> refs;
  for (auto& f : design) refs.push_back(f.ref);
  std::map<EngineKind, std::shared_ptr<const helium::Design>> per_engine;
  for (EngineKind kind : engines) {
    std::vector<lua::helium::GenerateRequest> requests;
    for (auto& f : design)
      requests.push_back({.path = loaders::path_in(root, f.file), .display = f.file,
                          .design_dir = root, .own_library = own, .library_dir = library_dir,
                          .engine = helium_engine(kind, library_files, own), .design = f.design,
                          .schema = "", .defines = defines,
                          .transport_shim = needs_transport_shim(kind)});
    per_engine[kind] = std::make_shared<helium::Design>(std::move(requests), refs, kind, options);
  }
  for (size_t i = 0; i < design.size(); ++i) {
    Migration& m = set.migrations.emplace_back();
    m.version = std::to_string(design[i].ref);
    m.name = design[i].design;
    for (auto& [kind, d] : per_engine) {
      EngineScripts& s = m.scripts[kind];
      s.forward.file = design[i].file;
      s.reverse = Script{design[i].file, {}, true};
      s.program = helium::server_program(d, i);
    }
  }
  return set;
}

}  // namespace crucible
