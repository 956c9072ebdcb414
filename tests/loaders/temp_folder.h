// A migrations folder made on the fly for one test, removed afterwards.
#pragma once

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "harness/common/error.h"
#include "harness/loaders/loader.h"

namespace crucible::testing {

class TempFolder {
 public:
  TempFolder() {
    std::string pattern =
        (std::filesystem::temp_directory_path() / "crucible-loader-XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    path_ = pattern;
  }
  ~TempFolder() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  TempFolder(const TempFolder&) = delete;
  TempFolder& operator=(const TempFolder&) = delete;

  const std::string& path() const { return path_; }
  std::string operator/(const std::string& file) const { return path_ + "/" + file; }

  void write(const std::string& file, const std::string& text) const {
    std::ofstream(path_ + "/" + file, std::ios::binary) << text;
  }

 private:
  std::string path_;
};

// What loading `folder` as a SQL directory for `engines` throws, or "(no error)".
inline std::string sql_directory_error(const TempFolder& folder,
                                       const std::vector<EngineKind>& engines) {
  try {
    load_sql_directory(folder.path(), engines);
  } catch (const Error& e) {
    return e.what();
  }
  return "(no error)";
}

}  // namespace crucible::testing
