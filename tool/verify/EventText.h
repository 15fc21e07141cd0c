//===--- EventText.h - runtime events in words ----------------------------===//
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>

namespace asynclint::verify {

/// "12.3 ms": how verdicts and descriptions print a duration.
std::string milliseconds(uint64_t Nanoseconds);

/// One line for people about an event no finding predicted: what blocked
/// which coroutine for how long, which variable raced, ...
std::string describeEvent(const nlohmann::json &Event);

} // namespace asynclint::verify
