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
#include <map>
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
  /// The verdict: "confirmed", "not-observed" (watched, not seen),
  /// "not-watched" (the run could not have seen it; Summary says why), or any
  /// later non-empty word: writers render it as it is.
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
  /// Facts the check attached (names, functions, ...), as a JSON object;
  /// written to JSON as "properties" and to SARIF as result properties.
  nlohmann::json Properties = nlohmann::json::object();
  std::optional<Verification> Verified;
};

/// Something a run under the runtime observed that no finding predicted:
/// what the checks missed.
struct UnpredictedEvent {
  std::string Kind;        ///< the runtime's event type ("blocking", "race", ...)
  std::string Description; ///< one line for people
  /// The program's innermost frame (Column 0); File is empty when the event
  /// has no frame in the program.
  Location Site;
  std::string Function;     ///< the function of Site
  unsigned Occurrences = 1; ///< events of this kind merged into this one site
  /// The first such event as the runtime wrote it (docs/runtime.md).
  nlohmann::json Event = nlohmann::json::object();
};

/// The run a report was verified with (`asynclint verify`,
/// `asynclint check --verify-with`).
struct RuntimeRun {
  std::vector<UnpredictedEvent> Unpredicted;
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
  /// Set once the findings were verified with a run's events.
  std::optional<RuntimeRun> Run;
};

nlohmann::json toJson(const Finding &F);
/// The runtime's event with "site", "occurrences" and "description" added.
nlohmann::json toJson(const UnpredictedEvent &U);
nlohmann::json toJson(const Report &R);

/// Throws std::runtime_error naming the first missing or mistyped field.
Finding findingFromJson(const nlohmann::json &J);
Report reportFromJson(const nlohmann::json &J);

/// How many findings have each verdict, verdict by verdict.
std::map<std::string, unsigned> verdictCounts(const Report &R);

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
