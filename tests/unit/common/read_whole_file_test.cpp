// readWholeFile: whole regular files are read; folders, pipes and missing files are refused with the path
// in the message instead of blocking or crashing.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "core/common/atomic_file.h"

namespace melodyvae {
namespace {

class ReadWholeFile : public ::testing::Test {
 protected:
  void SetUp() override {
    folder_ = std::filesystem::temp_directory_path() /
              ("melodyvae-read-test-" + std::to_string(::getpid()) + "-" +
               ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(folder_);
  }
  void TearDown() override { std::filesystem::remove_all(folder_); }

  // The message of the FileReadError that reading `path` throws, or "" when it does not throw.
  static std::string refusal(const std::filesystem::path& path) {
    try {
      readWholeFile(path);
    } catch (const FileReadError& error) {
      return error.what();
    }
    return "";
  }

  std::filesystem::path folder_;
};

TEST_F(ReadWholeFile, ReadsEveryByteOfARegularFile) {
  const std::filesystem::path file = folder_ / "bytes.bin";
  std::ofstream(file, std::ios::binary) << std::string("MThd\0\x01\xff", 7);
  const std::vector<std::uint8_t> bytes = readWholeFile(file);
  ASSERT_EQ(bytes.size(), 7u);
  EXPECT_EQ(bytes[4], 0u);
  EXPECT_EQ(bytes[6], 0xffu);
}

TEST_F(ReadWholeFile, RefusesAPipeInsteadOfBlocking) {
  const std::filesystem::path pipe = folder_ / "song.mid";
  ASSERT_EQ(::mkfifo(pipe.c_str(), 0600), 0);
  const std::string message = refusal(pipe);
  EXPECT_NE(message.find("not a regular file"), std::string::npos) << message;
  EXPECT_NE(message.find(pipe.string()), std::string::npos) << message;
}

TEST_F(ReadWholeFile, RefusesAFolderAndAMissingFile) {
  EXPECT_NE(refusal(folder_).find("it is a folder"), std::string::npos);
  const std::string missing = refusal(folder_ / "missing.mid");
  EXPECT_NE(missing.find("missing.mid"), std::string::npos) << missing;
}

TEST_F(ReadWholeFile, RefusesAFileLargerThanTheLimit) {
  const std::filesystem::path file = folder_ / "big.bin";
  std::ofstream(file, std::ios::binary) << std::string(100, 'x');
  try {
    readWholeFile(file, 99);
    FAIL() << "a 100-byte file passed a 99-byte limit";
  } catch (const FileReadError& error) {
    EXPECT_NE(std::string(error.what()).find("100 bytes"), std::string::npos) << error.what();
  }
}

}  // namespace
}  // namespace melodyvae
