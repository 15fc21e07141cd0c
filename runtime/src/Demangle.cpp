//===--- Demangle.cpp -----------------------------------------------------===//
#include "Stack.h"

#include <cstdlib>
#include <cxxabi.h>

namespace asynclint::rt {

std::string demangle(const char *Mangled) {
  if (!Mangled)
    return {};
  int Status = 0;
  char *Plain = abi::__cxa_demangle(Mangled, nullptr, nullptr, &Status);
  if (Status != 0 || !Plain)
    return Mangled;
  std::string Result(Plain);
  std::free(Plain);
  return Result;
}

} // namespace asynclint::rt
