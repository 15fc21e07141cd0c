//===--- CheckPages.h - the check pages, as rule help ---------------------===//
//
// docs/checks/<check>.md, embedded at build time so that SARIF rules carry
// their help in an installed tool too, and where to link to a check's page.
//
//===----------------------------------------------------------------------===//
#pragma once

#include <map>
#include <string>

namespace asynclint::output {

/// check name -> its documentation page (Markdown), embedded at build time.
const std::map<std::string, std::string> &ruleDocs();

/// The first paragraph under "## What it does" of a page, on one line.
std::string summaryOf(const std::string &Markdown);

/// A link to asynclint's own page of \p Check: under ASYNCLINT_DOCS_URL when
/// the build names where the pages are published, else the page installed
/// beside the tool (share/asynclint/docs/checks), else the page of the source
/// tree the tool was built from; "" when there is none.
std::string checkPageUri(const std::string &Check);

/// The page of an upstream clang-tidy check on the LLVM site
/// (<module>/<rest of the name>.html), or "" for names that have none
/// (clang-diagnostic-*, asynclint's own async-* checks).
std::string upstreamPageUri(const std::string &Check);

/// \p Path as a URI path: unreserved characters and '/' kept, the rest
/// percent-escaped (RFC 3986).
std::string uriEscape(const std::string &Path);

} // namespace asynclint::output
