//===--- Findings.h - the findings model of the asynclint command --------===//
//
// What `asynclint check` reports and `asynclint verify` annotates: the data
// behind the JSON format documented in docs/json-format.md. Nothing here
// depends on Clang, so any command can read and write reports.
//
//===----------------------------------------------------------------------===//
#pragma once

#include <nlohmann/json.hpp>

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace asynclint::findings {

/// Version of the JSON format; bumped on incompatible changes only.
inline constexpr int FormatVersion = 1;

struct Location {
  std::string File;    ///< absolute path
  unsigned Line = 0;   ///< 1-based
  unsigned Column = 0; ///< 1-based, in bytes
};

struct Note {
  Location Loc;
  std::string Message;
};

/// One edit of a fix-it: replace Length bytes at Offset of File by Text.
struct Replacement {
  std::string File;
  unsigned Offset = 0;
  unsigned Length = 0;
  unsigned Line = 0; ///< where Offset is, for people
  unsigned Column = 0;
  std::string Text;
};

struct Fix {
  std::string Description;
  std::vector<Replacement> Replacements;
};

/// Filled by `asynclint verify` from the runtime's events.
struct Verification {
  /// "confirmed", "not-observed" (watched, not seen) or "not-watched" (the
  /// run could not have seen it; Summary says why).
  std::string Status;
  std::string Summary;
  /// Runtime events (objects as the runtime writes them) that support Status.
  nlohmann::json Evidence = nlohmann::json::array();
};

struct Finding {
  std::string Check;
  std::string Message;
  std::string Severity = "warning"; ///< "warning" or "error"
  Location Loc;
  std::vector<Note> Notes;
  std::vector<Fix> Fixes;
  std::string Fingerprint;
  std::optional<Verification> Verified;
};

/// A translation unit that could not be analysed (it does not parse, ...).
struct FileError {
  Location Loc;
  std::string Message;
};

struct Report {
  int Version = FormatVersion;
  /// Paths in fingerprints are relative to this folder (the project root).
  std::string Root;
  std::vector<Finding> Findings;
  std::vector<FileError> Errors;
};

nlohmann::json toJson(const Finding &F);
nlohmann::json toJson(const Report &R);

/// Throws std::runtime_error naming the first missing or mistyped field.
Finding findingFromJson(const nlohmann::json &J);
Report reportFromJson(const nlohmann::json &J);

/// Text of a line of a file (1-based), or "" when there is none.
using LineReader = std::function<std::string(const std::string &File, unsigned Line)>;

/// A LineReader over the files on disk, each read once.
LineReader diskLineReader();

/// Whitespace runs collapsed to one space, ends trimmed: re-indenting a line
/// does not change a fingerprint.
std::string normalizeLine(const std::string &Line);

/// The stable identity of a finding: a hash of the check, the file path
/// relative to the project root, the normalized text of the flagged line and
/// the index of this finding among those with the same three values. Moving
/// the line (edits above it) keeps it; editing the line itself changes it.
std::string fingerprint(const std::string &Check, const std::string &RelativePath,
                        const std::string &NormalizedLine, unsigned Occurrence);

/// Sorts the findings by file, line, column and check, and sets each one's
/// Fingerprint.
void assignFingerprints(Report &R, const LineReader &Lines);

/// Path of \p File relative to \p Root when it lies below it, else \p File.
std::string relativeToRoot(const std::string &File, const std::string &Root);

} // namespace asynclint::findings
