//===--- AnnotationMatch.h - reported diagnostics against annotations ----===//
#pragma once

#include "CorpusFile.h"

#include <string>
#include <vector>

namespace asynclint::corpus {

/// Compares what a tool reported for \p File with its annotations, both ways:
/// each `expect:` and `expect-note:` claims one reported diagnostic of its
/// line (a warning of a check starting with the expected name; a message
/// containing the expected text), and every async-* warning left unclaimed,
/// as every compile error in a file not marked EXPECT-COMPILE-ERRORS, is a
/// problem. Returns one line per problem ("file:line: missing warning ...");
/// empty when they agree.
std::vector<std::string> compareWithAnnotations(const CorpusFile &File,
                                                const std::vector<ReportedDiagnostic> &Reported);

/// Whether \p Message contains \p Text. A text the message begins with may
/// differ in the case of its first letter: clangd capitalises messages.
bool messageContains(const std::string &Message, const std::string &Text);

} // namespace asynclint::corpus
