//===--- CheapMatchers.cpp ------------------------------------------------===//
#include "common/CheapMatchers.h"

#include <llvm/ADT/StringRef.h>

#include <vector>

namespace asynclint::matchers {

using namespace clang;

static std::vector<llvm::StringRef> refs(llvm::ArrayRef<std::string> Names) {
  return std::vector<llvm::StringRef>(Names.begin(), Names.end());
}

NameSet::NameSet(llvm::ArrayRef<std::string> Names) : Full(ast_matchers::hasAnyName(refs(Names))) {
  for (llvm::StringRef Name : Names) {
    size_t Colons = Name.rfind("::");
    LastComponents.insert(Colons == llvm::StringRef::npos ? Name : Name.substr(Colons + 2));
  }
}

bool NameSet::matches(const NamedDecl &Decl, ast_matchers::internal::ASTMatchFinder *Finder,
                      ast_matchers::internal::BoundNodesTreeBuilder *Builder) const {
  // A declaration named by an identifier matches a name only by its last
  // component; operators, constructors and conversions are left to
  // hasAnyName.
  if (const IdentifierInfo *Identifier = Decl.getIdentifier();
      Identifier && !LastComponents.contains(Identifier->getName()))
    return false;
  return Full.matches(Decl, Finder, Builder);
}

} // namespace asynclint::matchers
