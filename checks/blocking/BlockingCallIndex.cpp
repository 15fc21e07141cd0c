//===--- BlockingCallIndex.cpp --------------------------------------------===//
#include "blocking/BlockingCallIndex.h"
#include "blocking/AwaitedOrigin.h"
#include "common/QualifiedName.h"

#include <clang/AST/DeclCXX.h>
#include <clang/AST/ExprCXX.h>

namespace asynclint {

using namespace clang;

BlockingCallIndex::BlockingCallIndex(std::shared_ptr<const catalog::Catalog> CatalogIn,
                                     const Settings &Options)
    : Catalog(std::move(CatalogIn)), UserCategory(std::make_unique<catalog::BlockingCategory>()),
      Library(*Catalog) {
  auto AddAll = [&](llvm::StringMap<Entry> &Map, const catalog::BlockingCategory &Category,
                    const std::vector<catalog::FunctionEntry> &Entries) {
    for (const catalog::FunctionEntry &Function : Entries)
      for (const std::string &Spelling : Catalog->spellingsOf(Function.Name))
        Map.try_emplace(Spelling, Entry{&Category, &Function});
  };
  for (const catalog::BlockingCategory &Category : Catalog->Blocking) {
    if (!Options.EnabledCategories.count(Category.Id))
      continue;
    AddAll(Functions, Category, Category.Functions);
    AddAll(Constructors, Category, Category.Constructors);
  }

  UserCategory->Id = "user";
  UserCategory->What = "is listed as blocking in the check's BlockingFunctions option";
  for (const std::string &Name : Options.ExtraBlockingFunctions) {
    catalog::FunctionEntry Function;
    Function.Name = Name;
    UserCategory->Functions.push_back(std::move(Function));
  }
  AddAll(Functions, *UserCategory, UserCategory->Functions);

  for (const std::string &Name : Options.AllowedFunctions)
    for (const std::string &Spelling : Catalog->spellingsOf(Name))
      Allowed.insert(Spelling);

  for (const catalog::CoroutineLibrary &Library : Catalog->CoroutineLibraries)
    for (const std::string &Type : Library.ReturnTypes)
      for (const std::string &Spelling : Catalog->spellingsOf(Type))
        LibraryOfCoroutineType.try_emplace(Spelling, Library.Library);
}

const BlockingCallIndex::Entry *BlockingCallIndex::lookupFunction(const CallSite &Site,
                                                                  std::string &MatchedName) const {
  if (!isa<CXXConstructExpr>(Site.Call))
    return lookupCallee(Functions, Site, Names, MatchedName);
  if (!Site.ObjectClass)
    return nullptr;
  const std::string &Name = Names.nameOf(*Site.ObjectClass);
  auto It = Constructors.find(Name);
  if (It == Constructors.end())
    return nullptr;
  MatchedName = Name;
  return &It->second;
}

/// True for a constant zero duration or number: 0, 0s, 0ms, seconds(0),
/// duration::zero(), a constexpr zero. A std::chrono::duration is a class with
/// one arithmetic member, its count.
static bool isZeroValue(const Expr *E, const ASTContext &Context) {
  if (E->isValueDependent() || E->isTypeDependent())
    return false;
  Expr::EvalResult Result;
  if (!E->EvaluateAsRValue(Result, Context))
    return false;
  const APValue *Value = &Result.Val;
  while (Value->isStruct() && Value->getStructNumFields() == 1 && Value->getStructNumBases() == 0)
    Value = &Value->getStructField(0);
  if (Value->isInt())
    return Value->getInt().isZero();
  if (Value->isFloat())
    return Value->getFloat().isZero();
  return false;
}

bool BlockingCallIndex::isConsoleArgument(const Expr &Argument, const catalog::FunctionEntry &Entry,
                                          const ASTContext &Context) const {
  const Expr *Stripped = Argument.IgnoreParenImpCasts();
  if (const auto *Reference = dyn_cast<DeclRefExpr>(Stripped))
    if (const auto *Variable = dyn_cast<VarDecl>(Reference->getDecl());
        Variable && llvm::is_contained(Entry.UnlessArgVariables, Names.nameOf(*Variable)))
      return true;
  Expr::EvalResult Value;
  if (Entry.UnlessArgValues.empty() || Stripped->isValueDependent() ||
      !Stripped->getType()->isIntegralOrEnumerationType() ||
      !Stripped->EvaluateAsInt(Value, Context))
    return false;
  return llvm::is_contained(Entry.UnlessArgValues, Value.Val.getInt().getExtValue());
}

bool BlockingCallIndex::isCompleteResult(const CallSite &Site,
                                         const catalog::FunctionEntry &Entry) const {
  const auto *MemberCall = dyn_cast<CXXMemberCallExpr>(Site.Call);
  if (Entry.NonblockingOnResultOf.empty() || !MemberCall ||
      !MemberCall->getImplicitObjectArgument())
    return false;
  const FunctionDecl *Origin = awaitedOriginOf(*MemberCall->getImplicitObjectArgument());
  if (!Origin)
    return false;
  const std::string &OriginName = Names.nameOf(*Origin);
  for (const std::string &Name : Entry.NonblockingOnResultOf)
    if (llvm::is_contained(Catalog->spellingsOf(Name), OriginName))
      return true;
  return false;
}

bool BlockingCallIndex::argumentsAllowBlocking(const CallSite &Site,
                                               const catalog::FunctionEntry &Entry) const {
  llvm::SmallVector<const Expr *, 4> Arguments;
  if (const auto *Construct = dyn_cast<CXXConstructExpr>(Site.Call))
    Arguments.append(Construct->arg_begin(), Construct->arg_end());
  else if (const auto *Call = dyn_cast<CallExpr>(Site.Call)) {
    // A member operator's object is its first argument; the catalog counts the
    // arguments after it.
    auto Begin = Call->arg_begin();
    if (isa<CXXOperatorCallExpr>(Call) && isa<CXXMethodDecl>(Site.Callee) &&
        Begin != Call->arg_end())
      ++Begin;
    Arguments.append(Begin, Call->arg_end());
  }
  unsigned Written = 0;
  for (const Expr *Argument : Arguments)
    if (!isa<CXXDefaultArgExpr>(Argument))
      ++Written;
  if (Written < Entry.MinArgs)
    return false;

  for (const Expr *Argument : Arguments) {
    const CXXRecordDecl *Class = classOf(Argument->getType());
    if (Class && llvm::is_contained(Entry.UnlessArgTypes, Names.nameOf(*Class)))
      return false;
  }

  if (Entry.UnlessArgIndex >= 0 && static_cast<size_t>(Entry.UnlessArgIndex) < Arguments.size() &&
      isConsoleArgument(*Arguments[Entry.UnlessArgIndex], Entry, Site.Callee->getASTContext()))
    return false;

  if (Entry.NonblockingFlagArg >= 0 &&
      static_cast<size_t>(Entry.NonblockingFlagArg) < Arguments.size()) {
    const Expr *Flags = Arguments[Entry.NonblockingFlagArg];
    Expr::EvalResult Value;
    if (!Flags->isValueDependent() && Flags->EvaluateAsInt(Value, Site.Callee->getASTContext()) &&
        (Value.Val.getInt().getZExtValue() & Entry.NonblockingFlagBits) != 0)
      return false;
  }

  if (Entry.NonblockingIfZeroArg >= 0 &&
      static_cast<size_t>(Entry.NonblockingIfZeroArg) < Arguments.size() &&
      isZeroValue(Arguments[Entry.NonblockingIfZeroArg], Site.Callee->getASTContext()))
    return false;
  return true;
}

std::optional<BlockingMatch> BlockingCallIndex::match(const CallSite &Site) const {
  if (!Site.Callee || isAllowed(*Site.Callee))
    return std::nullopt;
  std::string MatchedName;
  const Entry *Found = lookupFunction(Site, MatchedName);
  if (!Found || !argumentsAllowBlocking(Site, *Found->Function) ||
      isCompleteResult(Site, *Found->Function))
    return std::nullopt;
  return BlockingMatch{Found->Category, std::move(MatchedName)};
}

bool BlockingCallIndex::isAllowed(const FunctionDecl &Function) const {
  return !Allowed.empty() && Allowed.contains(Names.nameOf(Function));
}

std::string BlockingCallIndex::coroutineLibrary(const FunctionDecl &Coroutine) const {
  const CXXRecordDecl *ReturnClass = classOf(Coroutine.getReturnType());
  if (!ReturnClass)
    return "";
  auto It = LibraryOfCoroutineType.find(Names.nameOf(*ReturnClass));
  return It == LibraryOfCoroutineType.end() ? "" : It->second;
}

} // namespace asynclint
