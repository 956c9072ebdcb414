// Reading migration files that a pull request may have shaped to hurt the reader.
//
// A "file" in a migrations folder can be a FIFO (opening it blocks forever), a link to /dev/zero
// (reading it never ends) or to a device, or simply huge. Every migration source Crucible reads
// goes through read_source_file(), which refuses anything but a regular file of sane size with
// an error naming the path, instead of hanging or eating memory.
#pragma once

#include <cstddef>
#include <optional>
#include <string>

namespace crucible {

// Migration sources larger than this are refused: real migrations are kilobytes; a bundled
// seed file may be a few megabytes.
inline constexpr std::size_t kMaxSourceFileBytes = 64 * 1024 * 1024;

// The file's bytes. Throws crucible::Error naming `path` when it is missing, not a regular file
// (after following links), larger than `max_bytes`, or unreadable.
std::string read_source_file(const std::string& path, std::size_t max_bytes = kMaxSourceFileBytes);

// As read_source_file, but nullopt when nothing exists at `path` (for look-ups along a search
// path); anything else that is wrong still throws.
std::optional<std::string> read_source_file_if_exists(const std::string& path,
                                                      std::size_t max_bytes = kMaxSourceFileBytes);

}  // namespace crucible
