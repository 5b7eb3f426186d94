// Which compiled variant of the hot loops runs: the portable build, or (x86-64 with AVX2 and FMA) the
// variant compiled for those instructions, chosen at run time so one binary serves every CPU.
#pragma once

namespace melodyvae::nn {

// kAuto: the AVX2 + FMA variant when this CPU has it, else the portable one (the only one on other
// machines). kPortable forces the portable variant (tests run both).
enum class KernelChoice { kAuto, kPortable };

// True if kAuto selects the AVX2 + FMA variant on this machine.
bool vectorKernelAvailable();

// The variant the float dense products of training and batch evaluation use (core/nn/dense.h);
// kAuto unless changed. Process-wide: set it before training, not during a step.
KernelChoice productKernel();
void setProductKernel(KernelChoice kernel);

}  // namespace melodyvae::nn
