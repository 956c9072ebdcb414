// read_source_file: the one way Crucible reads a migration file a pull request may have shaped.
#include "harness/common/source_file.h"

#include <sys/stat.h>

#include <gtest/gtest.h>

#include "harness/common/error.h"
#include "tests/loaders/temp_folder.h"

namespace crucible {
namespace {

using testing::TempFolder;

std::string error_of(const std::string& path, std::size_t max_bytes = kMaxSourceFileBytes) {
  try {
    read_source_file(path, max_bytes);
  } catch (const Error& e) {
    return e.what();
  }
  return "";
}

TEST(SourceFile, ReadsEveryByteOfFilesOfAnySize) {
  TempFolder folder;
  for (std::size_t size : {0u, 1u, 4095u, 65536u, 65537u, 200000u}) {
    std::string text(size, 'x');
    for (std::size_t i = 0; i < size; i += 7) text[i] = static_cast<char>('a' + i % 26);
    folder.write("f.sql", text);
    EXPECT_EQ(read_source_file(folder / "f.sql"), text) << size;
  }
}

TEST(SourceFile, AFileOfExactlyTheLimitIsReadAndOneByteMoreIsRefused) {
  TempFolder folder;
  folder.write("at.sql", std::string(1000, 'a'));
  EXPECT_EQ(read_source_file(folder / "at.sql", 1000).size(), 1000u);
  folder.write("over.sql", std::string(1001, 'a'));
  EXPECT_NE(error_of(folder / "over.sql", 1000).find(folder / "over.sql" + ": cannot read: 1001 bytes"),
            std::string::npos) << error_of(folder / "over.sql", 1000);
}

TEST(SourceFile, WhatIsNoRegularFileIsRefusedWithoutBlocking) {
  TempFolder folder;
  ASSERT_EQ(::mkfifo((folder / "pipe.sql").c_str(), 0600), 0);
  EXPECT_EQ(error_of(folder / "pipe.sql"),
            folder / "pipe.sql" + ": cannot read: a FIFO (named pipe), not a migration file");
  EXPECT_EQ(error_of(folder.path()),
            folder.path() + ": cannot read: a directory, not a migration file");
  EXPECT_FALSE(read_source_file_if_exists(folder / "missing.sql").has_value());
}

}  // namespace
}  // namespace crucible
