//===--- LibraryCode.cpp --------------------------------------------------===//
#include "common/LibraryCode.h"

#include <clang/AST/ASTContext.h>
#include <clang/AST/Decl.h>
#include <clang/Basic/SourceManager.h>

namespace asynclint {

using namespace clang;

LibraryCode::LibraryCode(const catalog::Catalog &Catalog) {
  for (const catalog::CoroutineLibrary &Library : Catalog.CoroutineLibraries)
    for (const std::string &Namespace : Library.Namespaces)
      for (const std::string &Spelling : Catalog.spellingsOf(Namespace))
        Prefixes.push_back(Spelling + "::");
}

bool LibraryCode::contains(const Decl &D) const {
  if (Prefixes.empty())
    return false;
  const SourceManager &Sources = D.getASTContext().getSourceManager();
  if (Sources.isInMainFile(Sources.getExpansionLoc(D.getLocation())))
    return false;
  // The enclosing function or class names the namespace; a lambda's call
  // operator is named through it too ("ns::f::(local)::(lambda)::operator()").
  const auto *Named = dyn_cast<NamedDecl>(&D);
  if (!Named)
    return false;
  const std::string &Name = Names.nameOf(*Named);
  for (const std::string &Prefix : Prefixes)
    if (Name.compare(0, Prefix.size(), Prefix) == 0)
      return true;
  return false;
}

} // namespace asynclint
