//===--- EventText.h - how a runtime event reads in a report --------------===//
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>

namespace asynclint::verify {

/// "12.3 ms".
std::string milliseconds(uint64_t Nanoseconds);

/// One sentence for an observation (a validated event of an observation
/// type): what the runtime saw, e.g. "'nanosleep' blocked coroutine 'f()'
/// for 20.0 ms".
std::string describeEvent(const nlohmann::json &Event);

} // namespace asynclint::verify
