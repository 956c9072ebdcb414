#include "harness/loaders/directory.h"

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "harness/common/error.h"
#include "harness/common/source_file.h"

namespace crucible::loaders {

namespace fs = std::filesystem;

std::vector<std::string> list_files(const std::string& root) {
  std::error_code error;
  if (!fs::is_directory(root, error)) {
    if (fs::exists(root, error)) throw Error(fmt::format("{}: not a folder", root));
    throw Error(fmt::format("{}: no such folder", root));
  }
  std::vector<std::string> files;
  fs::directory_iterator it(root, error);
  if (error) throw Error(fmt::format("{}: cannot list the folder: {}", root, error.message()));
  for (const fs::directory_entry& entry : it) {
    std::string name = entry.path().filename().string();
    // A broken symlink is listed: reading it then reports the problem instead of skipping it.
    bool file =
        entry.is_regular_file(error) || (entry.is_symlink(error) && !entry.is_directory(error));
    if (!name.starts_with(".") && file) files.push_back(name);
  }
  std::sort(files.begin(), files.end());
  return files;
}

std::string path_in(const std::string& root, const std::string& file) {
  return (fs::path(root) / file).string();
}

std::string read_file(const std::string& path) {
  std::string text = read_source_file(path);
  if (text.starts_with("\xEF\xBB\xBF")) text.erase(0, 3);
  return text;
}

}  // namespace crucible::loaders
