//===--- QualifiedName.cpp ------------------------------------------------===//
#include "common/QualifiedName.h"

#include <clang/AST/Decl.h>
#include <clang/AST/DeclCXX.h>
#include <clang/AST/DeclTemplate.h>
#include <clang/AST/ExprCXX.h>
#include <clang/AST/Type.h>
#include <llvm/ADT/SmallVector.h>

namespace asynclint {

using namespace clang;

static std::string nameOf(const NamedDecl &D) {
  if (const auto *Record = dyn_cast<CXXRecordDecl>(&D); Record && Record->isLambda())
    return "(lambda)";
  if (isa<CXXConstructorDecl>(D) || isa<CXXDestructorDecl>(D))
    return D.getNameAsString(); // "basic_ifstream", "~thread"
  if (D.getIdentifier())
    return D.getName().str();
  std::string Name = D.getNameAsString(); // operators, conversions
  return Name.empty() ? "(anonymous)" : Name;
}

std::string qualifiedName(const NamedDecl &D) {
  llvm::SmallVector<std::string, 6> Parts{nameOf(D)};
  for (const DeclContext *Context = D.getDeclContext(); Context; Context = Context->getParent()) {
    if (const auto *Namespace = dyn_cast<NamespaceDecl>(Context)) {
      if (Namespace->isAnonymousNamespace())
        Parts.push_back("(anonymous namespace)");
      else if (!Namespace->isInline())
        Parts.push_back(Namespace->getName().str());
    } else if (const auto *Record = dyn_cast<RecordDecl>(Context)) {
      Parts.push_back(nameOf(*Record));
    } else if (isa<FunctionDecl>(Context) || isa<BlockDecl>(Context)) {
      Parts.push_back("(local)");
    }
    // extern "C" blocks, exported declarations and the translation unit add nothing.
  }
  std::string Result;
  for (auto It = Parts.rbegin(); It != Parts.rend(); ++It) {
    if (!Result.empty())
      Result += "::";
    Result += *It;
  }
  return Result;
}

const CXXRecordDecl *classOf(QualType Type) {
  if (Type.isNull())
    return nullptr;
  Type = Type.getNonReferenceType();
  if (const auto *Pointer = Type->getAs<PointerType>())
    Type = Pointer->getPointeeType();
  return Type->getAsCXXRecordDecl();
}

const CXXRecordDecl *handledClassOf(QualType Type) {
  const CXXRecordDecl *Class = classOf(Type);
  const auto *Pointer = dyn_cast_or_null<ClassTemplateSpecializationDecl>(Class);
  if (!Pointer || !Pointer->isInStdNamespace() || !Pointer->getIdentifier() ||
      Pointer->getTemplateArgs().size() == 0 ||
      Pointer->getTemplateArgs()[0].getKind() != TemplateArgument::Type)
    return Class;
  StringRef Name = Pointer->getName();
  if (Name != "shared_ptr" && Name != "unique_ptr" && Name != "weak_ptr")
    return Class;
  return classOf(Pointer->getTemplateArgs()[0].getAsType());
}

llvm::ArrayRef<const Expr *> callArguments(const CallExpr &Call) {
  llvm::ArrayRef<const Expr *> Arguments(Call.getArgs(), Call.getNumArgs());
  if (isa<CXXOperatorCallExpr>(Call) && isa_and_nonnull<CXXMethodDecl>(Call.getDirectCallee()) &&
      !Arguments.empty())
    return Arguments.drop_front();
  return Arguments;
}

std::string describeFunction(const FunctionDecl &F) {
  if (const auto *Method = dyn_cast<CXXMethodDecl>(&F); Method && Method->getParent()->isLambda())
    return "lambda";
  return "'" + F.getQualifiedNameAsString() + "'";
}

} // namespace asynclint
