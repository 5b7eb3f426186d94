// Errors of the trainer: a general one, and the one for a corpus too small to form a batch (so front
// ends can tell the musician to add files rather than report a failure of the engine).
#pragma once

#include <stdexcept>

namespace melodyvae::training {

class TrainingError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class TooLittleDataError : public TrainingError {
 public:
  using TrainingError::TrainingError;
};

}  // namespace melodyvae::training
