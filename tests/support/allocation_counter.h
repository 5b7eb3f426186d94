// Counts heap allocations made by a test program (global operator new is replaced in
// allocation_counter.cpp), so a test can prove a real-time path allocates nothing.
#pragma once

#include <cstddef>

namespace melodyvae::testing {

// Allocations since the program started.
std::size_t allocationCount();

}  // namespace melodyvae::testing
