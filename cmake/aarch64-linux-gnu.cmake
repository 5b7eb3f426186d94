# Cross build for 64-bit ARM Linux (the CPU family of Apple Silicon), run under qemu-user-static:
#   cmake -S . -B build-aarch64 -DCMAKE_TOOLCHAIN_FILE=cmake/aarch64-linux-gnu.cmake
# Needs Debian's crossbuild-essential-arm64, qemu-user-static, zlib1g-dev:arm64 and libgtest-dev:arm64
# (tools/install-cross-deps.sh). Executables are linked statically: Debian's qemu-user 7.2 hangs
# dynamically linked programs at their first thread start, and a static one needs no arm64 loader.
set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_SYSTEM_PROCESSOR aarch64)
set(CMAKE_C_COMPILER aarch64-linux-gnu-gcc)
set(CMAKE_CXX_COMPILER aarch64-linux-gnu-g++)
set(CMAKE_CROSSCOMPILING_EMULATOR qemu-aarch64-static)

# arm64 libraries from /usr/lib/aarch64-linux-gnu; the header-only ones (Eigen, CLI11, nlohmann-json) and
# their CMake packages are architecture-independent and found where the native build finds them.
set(CMAKE_LIBRARY_ARCHITECTURE aarch64-linux-gnu)
set(CMAKE_FIND_ROOT_PATH /usr/aarch64-linux-gnu)
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY BOTH)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE BOTH)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE BOTH)

# Static zlib: FindZLIB would otherwise take the shared libz.so.
set(ZLIB_LIBRARY /usr/lib/aarch64-linux-gnu/libz.a CACHE FILEPATH "static arm64 zlib")
set(ZLIB_INCLUDE_DIR /usr/include CACHE PATH "zlib headers")
set(CMAKE_EXE_LINKER_FLAGS_INIT "-static")
