//===--- CheckPages.cpp ---------------------------------------------------===//
#include "output/CheckPages.h"

#include <filesystem>
#include <sstream>
#include <system_error>

namespace asynclint::output {

namespace fs = std::filesystem;

std::string uriEscape(const std::string &Path) {
  static const char Hex[] = "0123456789ABCDEF";
  std::string Out;
  for (unsigned char C : Path) {
    if (std::isalnum(C) || C == '/' || C == '-' || C == '_' || C == '.' || C == '~')
      Out += static_cast<char>(C);
    else
      Out += std::string("%") + Hex[C >> 4] + Hex[C & 15];
  }
  return Out;
}

std::string summaryOf(const std::string &Markdown) {
  std::istringstream In(Markdown);
  std::string Line, Paragraph;
  bool InWhatItDoes = false;
  while (std::getline(In, Line)) {
    if (Line.rfind("#", 0) == 0) {
      if (InWhatItDoes && !Paragraph.empty())
        break;
      InWhatItDoes = Line == "## What it does";
      continue;
    }
    if (!InWhatItDoes)
      continue;
    size_t Text = Line.find_first_not_of(" \t");
    if (Text == std::string::npos) {
      if (!Paragraph.empty())
        break;
      continue;
    }
    Paragraph += (Paragraph.empty() ? "" : " ") + Line.substr(Text);
  }
  return Paragraph;
}

/// The folder of the running executable.
static fs::path executableFolder() {
  std::error_code Error;
  fs::path Self = fs::read_symlink("/proc/self/exe", Error);
  return Error ? fs::path() : Self.parent_path();
}

std::string checkPageUri(const std::string &Check) {
  if (!ruleDocs().count(Check))
    return "";
  std::string Published = ASYNCLINT_DOCS_URL;
  if (!Published.empty())
    return Published + (Published.back() == '/' ? "" : "/") + Check + ".md";
  static const fs::path Installed =
      executableFolder() / ".." / "share" / "asynclint" / "docs" / "checks";
  for (const fs::path &Folder : {Installed, fs::path(ASYNCLINT_SOURCE_DOCS_DIR)}) {
    std::error_code Error;
    fs::path Page = fs::canonical(Folder / (Check + ".md"), Error);
    if (!Error)
      return "file://" + uriEscape(Page.string());
  }
  return "";
}

std::string upstreamPageUri(const std::string &Check) {
  if (Check.rfind("clang-diagnostic-", 0) == 0 || Check.rfind("async-", 0) == 0)
    return "";
  // Module names have no dash, except clang-analyzer.
  size_t Dash = Check.rfind("clang-analyzer-", 0) == 0 ? 14 : Check.find('-');
  if (Dash == std::string::npos || Dash + 1 >= Check.size())
    return "";
  return "https://clang.llvm.org/extra/clang-tidy/checks/" + Check.substr(0, Dash) + "/" +
         Check.substr(Dash + 1) + ".html";
}

} // namespace asynclint::output
