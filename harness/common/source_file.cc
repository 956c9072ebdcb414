#include "harness/common/source_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include <fmt/format.h>

#include "harness/common/error.h"

namespace crucible {
namespace {

const char* kind_of(mode_t mode) {
  if (S_ISDIR(mode)) return "a directory";
  if (S_ISFIFO(mode)) return "a FIFO (named pipe)";
  if (S_ISCHR(mode)) return "a character device";
  if (S_ISBLK(mode)) return "a block device";
  if (S_ISSOCK(mode)) return "a socket";
  return "not a regular file";
}

// Closes the descriptor on every way out.
struct Fd {
  int fd;
  ~Fd() {
    if (fd >= 0) ::close(fd);
  }
};

}  // namespace

std::optional<std::string> read_source_file_if_exists(const std::string& path,
                                                      std::size_t max_bytes) {
  // O_NONBLOCK: opening a FIFO with no writer would otherwise block forever.
  Fd file{::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY)};
  if (file.fd < 0) {
    if (errno == ENOENT) return std::nullopt;
    throw Error(fmt::format("{}: cannot read: {}", path, std::strerror(errno)));
  }
  struct stat info {};
  if (::fstat(file.fd, &info) != 0)
    throw Error(fmt::format("{}: cannot read: {}", path, std::strerror(errno)));
  if (!S_ISREG(info.st_mode))
    throw Error(fmt::format("{}: cannot read: {}, not a migration file", path,
                            kind_of(info.st_mode)));
  if (static_cast<std::size_t>(info.st_size) > max_bytes)
    throw Error(fmt::format("{}: cannot read: {} bytes, more than the {} MB a migration file may "
                            "have", path, info.st_size, max_bytes / (1024 * 1024)));
  std::string text;
  text.resize(static_cast<std::size_t>(info.st_size));
  std::size_t got = 0;
  // Reads what fstat announced, and notices a file that grows while it is read (or lied). At the
  // announced size one byte tells whether there is more: growing the buffer first would zero-fill
  // 64 KB per file, which was most of the time of loading 10,000 small files.
  for (;;) {
    if (got == text.size()) {
      char probe;
      ssize_t more = ::read(file.fd, &probe, 1);
      if (more == 0) break;
      if (more < 0) {
        if (errno == EINTR) continue;
        throw Error(fmt::format("{}: cannot read: {}", path, std::strerror(errno)));
      }
      if (text.size() >= max_bytes)
        throw Error(fmt::format("{}: cannot read: larger than the {} MB a migration file may "
                                "have", path, max_bytes / (1024 * 1024)));
      text.resize(std::min(max_bytes, text.size() + 65536));
      text[got++] = probe;
      continue;
    }
    ssize_t n = ::read(file.fd, text.data() + got, text.size() - got);
    if (n == 0) break;
    if (n < 0) {
      if (errno == EINTR) continue;
      throw Error(fmt::format("{}: cannot read: {}", path, std::strerror(errno)));
    }
    got += static_cast<std::size_t>(n);
  }
  text.resize(got);
  return text;
}

std::string read_source_file(const std::string& path, std::size_t max_bytes) {
  std::optional<std::string> text = read_source_file_if_exists(path, max_bytes);
  if (!text) throw Error(fmt::format("{}: cannot read: {}", path, std::strerror(ENOENT)));
  return std::move(*text);
}

}  // namespace crucible
