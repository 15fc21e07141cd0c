//===--- Progress.h - the progress line of a run on a terminal -----------===//
#pragma once

#include <cstddef>
#include <mutex>

namespace asynclint::check {

/// "[done/total] N findings" on stderr, rewritten in place; silent unless
/// stderr is a terminal, so logs and pipes get no control characters.
class Progress {
public:
  explicit Progress(size_t Total);
  ~Progress();
  void unitDone(size_t NewFindings);

private:
  void draw();
  std::mutex Mutex;
  size_t Total;
  size_t Done = 0;
  size_t Findings = 0;
  bool Enabled;
};

} // namespace asynclint::check
