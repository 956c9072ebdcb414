// The files of a migrations folder, read the way every loader needs them.
#pragma once

#include <string>
#include <vector>

namespace crucible::loaders {

// The names of the regular files directly in `root` (not in subfolders, not hidden), sorted.
// Throws crucible::Error when `root` does not exist or is not a folder.
std::vector<std::string> list_files(const std::string& root);

// `root`/`file` as the user would type it, for messages.
std::string path_in(const std::string& root, const std::string& file);

// The contents of `path`, without a UTF-8 byte order mark. Throws crucible::Error naming the file
// when it cannot be read.
std::string read_file(const std::string& path);

}  // namespace crucible::loaders
