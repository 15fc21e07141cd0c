//===--- Progress.cpp -----------------------------------------------------===//
#include "analysis/Progress.h"

#include <llvm/Support/raw_ostream.h>

namespace asynclint::check {

Progress::Progress(size_t Total) : Total(Total), Enabled(llvm::errs().is_displayed()) {
  if (Enabled)
    draw();
}

Progress::~Progress() {
  if (Enabled)
    llvm::errs() << "\r\033[K"; // erase the line: the report follows
}

void Progress::unitDone(size_t NewFindings) {
  std::lock_guard<std::mutex> Lock(Mutex);
  ++Done;
  Findings += NewFindings;
  if (Enabled)
    draw();
}

void Progress::draw() {
  llvm::errs() << "\r\033[K[" << Done << "/" << Total << "] " << Findings
               << (Findings == 1 ? " finding" : " findings");
  llvm::errs().flush();
}

} // namespace asynclint::check
