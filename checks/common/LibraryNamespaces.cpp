//===--- LibraryNamespaces.cpp --------------------------------------------===//
#include "common/LibraryNamespaces.h"

#include <clang/AST/ASTContext.h>
#include <clang/AST/Decl.h>
#include <clang/Basic/SourceManager.h>

namespace asynclint {

using namespace clang;

LibraryNamespaces::LibraryNamespaces(const catalog::Catalog &Catalog) {
  for (const catalog::CoroutineLibrary &Library : Catalog.CoroutineLibraries) {
    std::vector<std::string> Namespaces = Library.Namespaces;
    // An entry without namespaces (a user's catalog file) is known by the
    // namespaces of its coroutine types.
    if (Namespaces.empty())
      for (const std::string &Type : Library.ReturnTypes)
        if (size_t Colons = Type.rfind("::"); Colons != std::string::npos)
          Namespaces.push_back(Type.substr(0, Colons));
    for (const std::string &Namespace : Namespaces)
      for (const std::string &Spelling : Catalog.spellingsOf(Namespace))
        Prefixes.push_back(Spelling + "::");
  }
}

bool LibraryNamespaces::contains(const Decl &D) const {
  const auto *Named = dyn_cast<NamedDecl>(&D);
  if (!Named || Prefixes.empty())
    return false;
  const SourceManager &Sources = D.getASTContext().getSourceManager();
  return !Sources.isInMainFile(Sources.getExpansionLoc(D.getLocation())) &&
         inLibraryNamespace(*Named);
}

bool LibraryNamespaces::inLibraryNamespace(const NamedDecl &D) const {
  // The enclosing function or class names the namespace; a lambda's call
  // operator is named through it too ("ns::(local)::(lambda)::operator()").
  const std::string &Name = Names.nameOf(D);
  for (const std::string &Prefix : Prefixes)
    if (Name.compare(0, Prefix.size(), Prefix) == 0)
      return true;
  return false;
}

} // namespace asynclint
