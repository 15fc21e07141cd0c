//===--- SpawnShapes.cpp --------------------------------------------------===//
#include "immediate-await/SpawnShapes.h"
#include "common/EvaluatedCodeVisitor.h"
#include "common/QualifiedName.h"
#include "immediate-await/SpawnIndex.h"

#include <clang/AST/ASTContext.h>
#include <clang/AST/DeclCXX.h>
#include <clang/AST/DeclTemplate.h>
#include <clang/AST/ExprCXX.h>
#include <clang/AST/StmtCXX.h>
#include <clang/Basic/SourceManager.h>

namespace asynclint {

using namespace clang;

namespace {

/// A member (any kind of declaration) named \p Name in \p Record or a base.
bool hasMember(const CXXRecordDecl &Record, StringRef Name, unsigned Depth = 0) {
  const CXXRecordDecl *Definition = Record.getDefinition();
  if (!Definition || Depth > 8)
    return false;
  for (const Decl *Member : Definition->decls())
    if (const auto *Named = dyn_cast<NamedDecl>(Member);
        Named && Named->getIdentifier() && Named->getName() == Name)
      return true;
  for (const CXXBaseSpecifier &Base : Definition->bases())
    if (const CXXRecordDecl *BaseClass = Base.getType()->getAsCXXRecordDecl();
        BaseClass && hasMember(*BaseClass, Name, Depth + 1))
      return true;
  return false;
}

bool isCoroutineType(const CXXRecordDecl &Record) { return hasMember(Record, "promise_type"); }

bool isAwaitable(const CXXRecordDecl &Record) {
  if (hasMember(Record, "await_resume"))
    return true;
  const CXXRecordDecl *Definition = Record.getDefinition();
  if (!Definition)
    return false;
  for (const CXXMethodDecl *Method : Definition->methods())
    if (Method->getOverloadedOperator() == OO_Coawait)
      return true;
  return false;
}

bool isCoroutineDefinition(const FunctionDecl &Function) {
  const FunctionDecl *Definition = nullptr;
  return Function.hasBody(Definition) && Definition &&
         isa_and_nonnull<CoroutineBodyStmt>(Definition->getBody());
}

/// A parameter that can only say where the work runs: a scheduler, a pool,
/// a scope, held by mutable reference, pointer or shared_ptr, or an executor
/// the catalog knows.
bool isSchedulerParameter(QualType Type, const SpawnIndex &Index) {
  if (Type->isLValueReferenceType() || Type->isPointerType()) {
    QualType Pointee = Type->getPointeeType();
    return !Pointee.isConstQualified() && Pointee->getAsCXXRecordDecl();
  }
  const CXXRecordDecl *Class = Type.getNonReferenceType()->getAsCXXRecordDecl();
  if (!Class)
    return false;
  if (Index.isExecutorType(*Class))
    return true;
  const auto *Specialization = dyn_cast<ClassTemplateSpecializationDecl>(Class);
  return Specialization && Specialization->isInStdNamespace() &&
         Specialization->getName() == "shared_ptr";
}

/// The coroutine object a parameter of this type receives, if any: a
/// mutable coroutine type by value or by rvalue reference.
const CXXRecordDecl *coroutineParameter(QualType Type) {
  if (Type->isLValueReferenceType() || Type->isPointerType())
    return nullptr;
  QualType Value = Type.getNonReferenceType();
  const CXXRecordDecl *Class = Value->getAsCXXRecordDecl();
  return Class && !Value.isConstQualified() && isCoroutineType(*Class) ? Class : nullptr;
}

/// Whether a parameter of \p Function comes from a pack in its template.
bool hasParameterPack(const FunctionDecl &Function) {
  const FunctionDecl *Pattern = Function.getTemplateInstantiationPattern();
  for (const ParmVarDecl *Param : (Pattern ? Pattern : &Function)->parameters())
    if (Param->isParameterPack())
      return true;
  return Function.isVariadic();
}

/// The `return` statements a body evaluates.
class ReturnCollector : public EvaluatedCodeVisitor<ReturnCollector> {
public:
  bool VisitReturnStmt(ReturnStmt *Return) {
    Returns.push_back(Return);
    return true;
  }
  llvm::SmallVector<const ReturnStmt *, 2> Returns;
};

const CallExpr *returnedCall(const Expr *E) {
  while (E) {
    const Expr *Next = E->IgnoreImplicit()->IgnoreParens();
    if (const auto *Construct = dyn_cast<CXXConstructExpr>(Next);
        Construct && Construct->getNumArgs() == 1 &&
        Construct->getConstructor()->isCopyOrMoveConstructor())
      Next = Construct->getArg(0);
    if (Next == E)
      break;
    E = Next;
  }
  return dyn_cast_or_null<CallExpr>(E);
}

std::string typeName(const CXXRecordDecl &Record) { return "'" + Record.getNameAsString() + "'"; }

} // namespace

std::unique_ptr<SpawnShapes::Recognised> SpawnShapes::wrapper(const FunctionDecl &Function) {
  const FunctionDecl *Definition = nullptr;
  if (!Function.hasBody(Definition) || !Definition || !Definition->getBody())
    return nullptr;
  ReturnCollector Collector;
  Collector.TraverseStmt(Definition->getBody());
  if (Collector.Returns.empty())
    return nullptr;
  const catalog::SpawnFunction *Inner = nullptr;
  for (const ReturnStmt *Return : Collector.Returns) {
    const CallExpr *Call = returnedCall(Return->getRetValue());
    const catalog::SpawnFunction *Spawn = Call ? Index.spawnOf(*Call) : nullptr;
    if (!Spawn)
      return nullptr;
    Inner = Inner ? Inner : Spawn;
  }
  auto Result = std::make_unique<Recognised>();
  Result->Entry = *Inner;
  Result->Entry.MinArgs = 0;
  Result->Entry.ObjectIsWork = false;
  Result->Entry.NeverRunsIfDiscardedWith.clear();
  Result->Reason = "it returns the result of '" + Inner->Name + "'";
  return Result;
}

std::unique_ptr<SpawnShapes::Recognised> SpawnShapes::handleStarter(const FunctionDecl &Function) {
  const CXXRecordDecl *Handle = Function.getReturnType()->getAsCXXRecordDecl();
  if (!Handle || Function.getReturnType()->isReferenceType() || !isAwaitable(*Handle) ||
      isCoroutineType(*Handle) || hasParameterPack(Function))
    return nullptr;
  const CXXRecordDecl *Task = nullptr;
  for (const ParmVarDecl *Param : Function.parameters()) {
    if (const CXXRecordDecl *Coroutine = coroutineParameter(Param->getType())) {
      if (Task)
        return nullptr;
      Task = Coroutine;
    } else if (!isSchedulerParameter(Param->getType(), Index)) {
      return nullptr;
    }
  }
  if (!Task)
    return nullptr;
  auto Result = std::make_unique<Recognised>();
  Result->Reason = "it takes a coroutine " + typeName(*Task) + " and returns an awaitable handle " +
                   typeName(*Handle) + " that is not a coroutine itself";
  return Result;
}

const catalog::SpawnFunction *SpawnShapes::spawnOf(const FunctionDecl &Callee) {
  const FunctionDecl *Key = Callee.getCanonicalDecl();
  if (auto It = Known.find(Key); It != Known.end())
    return It->second ? &It->second->Entry : nullptr;
  // Not a spawn while being looked at: a recursive wrapper starts nothing new.
  Known[Key] = nullptr;

  const SourceManager &Sources = Callee.getASTContext().getSourceManager();
  if (!Callee.getIdentifier() || isa<CXXConstructorDecl>(Callee) || Callee.isInStdNamespace() ||
      Sources.isInSystemHeader(Callee.getLocation()) || Index.isLibraryCode(Callee) ||
      isCoroutineDefinition(Callee))
    return nullptr;
  std::unique_ptr<Recognised> Found = wrapper(Callee);
  if (!Found)
    Found = handleStarter(Callee);
  if (!Found)
    return nullptr;
  Found->Entry.Name = qualifiedName(Callee);
  Found->Function = &Callee;
  Known[Key] = Found.get();
  ByEntry[&Found->Entry] = Found.get();
  Storage.push_back(std::move(Found));
  return &Storage.back()->Entry;
}

const std::string *SpawnShapes::reasonFor(const catalog::SpawnFunction &Spawn) const {
  auto It = ByEntry.find(&Spawn);
  return It == ByEntry.end() ? nullptr : &It->second->Reason;
}

const FunctionDecl *SpawnShapes::functionOf(const catalog::SpawnFunction &Spawn) const {
  auto It = ByEntry.find(&Spawn);
  return It == ByEntry.end() ? nullptr : It->second->Function;
}

void SpawnShapes::clear() {
  Known.clear();
  ByEntry.clear();
  Storage.clear();
}

} // namespace asynclint
