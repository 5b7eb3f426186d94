// Rectangles into pixels and the PNG encoding, read back by an independent check (tests/support).
#include "core/pictures/raster.h"

#include <gtest/gtest.h>

#include "tests/support/png_check.h"

namespace melodyvae::pictures {
namespace {

TEST(Raster, FillsOnlyInsideThePictureAndBlends) {
  Raster raster(10, 6);
  raster.fill(-5, -5, 8, 7, {0, 0, 0});  // clipped to [0, 3) x [0, 2)
  EXPECT_EQ(raster.at(2, 1).r, 0);
  EXPECT_EQ(raster.at(3, 1).r, 255);
  EXPECT_EQ(raster.at(2, 2).r, 255);
  raster.fill(5, 5, 100, 100, {0, 0, 255}, 0.5);
  EXPECT_EQ(raster.at(9, 5).r, 128);
  EXPECT_EQ(raster.at(9, 5).b, 255);
  raster.fill(20, 20, 3, 3, {0, 0, 0});  // wholly outside: nothing happens
}

TEST(Raster, RefusesAbsurdSizes) {
  EXPECT_THROW(Raster(0, 5), std::invalid_argument);
  EXPECT_THROW(Raster(5, 20000), std::invalid_argument);
}

TEST(Png, HasSignatureIhdrCrcsAndThePixels) {
  Raster raster(7, 3);
  raster.fill(1, 0, 2, 2, {10, 20, 30});
  raster.fill(6, 2, 1, 1, {200, 100, 0});
  const std::vector<std::uint8_t> bytes = encodePng(raster);
  const png_testing::DecodedPng png = png_testing::decodePng(bytes);
  EXPECT_EQ(png.width, 7u);
  EXPECT_EQ(png.height, 3u);
  EXPECT_EQ(png.at(1, 0, 0), 10);
  EXPECT_EQ(png.at(2, 1, 2), 30);
  EXPECT_EQ(png.at(3, 1, 0), 255);
  EXPECT_EQ(png.at(6, 2, 0), 200);
  EXPECT_EQ(png.at(6, 2, 1), 100);

  std::vector<std::uint8_t> damaged = bytes;
  damaged[20] ^= 1;  // inside IHDR's data: its CRC no longer matches
  EXPECT_THROW(png_testing::decodePng(damaged), std::runtime_error);
}

}  // namespace
}  // namespace melodyvae::pictures
