//===--- ThreadSpawns.cpp -------------------------------------------------===//
#include "shared-state/ThreadSpawns.h"
#include "common/CallSites.h"
#include "shared-state/ObjectPaths.h"
#include "shared-state/SharedStateIndex.h"

#include <clang/AST/ASTContext.h>
#include <clang/AST/ExprCXX.h>
#include <clang/AST/StmtCXX.h>
#include <clang/Basic/SourceManager.h>

namespace asynclint {

using namespace clang;

namespace {

/// Looks through temporaries, conversions and copies of a closure.
const Expr *unwrap(const Expr *E) {
  while (true) {
    E = E->IgnoreImplicit()->IgnoreParenImpCasts();
    if (const auto *Construct = dyn_cast<CXXConstructExpr>(E);
        Construct && Construct->getNumArgs() == 1 && Construct->getConstructor() &&
        Construct->getConstructor()->isCopyOrMoveConstructor()) {
      E = Construct->getArg(0);
      continue;
    }
    if (const auto *Cast = dyn_cast<CXXFunctionalCastExpr>(E)) {
      E = Cast->getSubExpr();
      continue;
    }
    return E;
  }
}

const FunctionDecl *definitionOf(const FunctionDecl *F) {
  const FunctionDecl *Definition = nullptr;
  if (F && F->hasBody(Definition) && Definition && Definition->getBody())
    return Definition;
  return nullptr;
}

struct Entry {
  const FunctionDecl *Function = nullptr;
  const LambdaExpr *Lambda = nullptr;
  /// co_spawn(pool, task(args)): the call that makes the coroutine.
  const CallExpr *Call = nullptr;
  /// A function this unit declares but does not define.
  const FunctionDecl *Declared = nullptr;
};

Entry entryOf(const Expr *E, unsigned Depth = 0) {
  E = unwrap(E);
  if (const auto *Lambda = dyn_cast<LambdaExpr>(E))
    return {Lambda->getCallOperator(), Lambda};
  if (const auto *Op = dyn_cast<UnaryOperator>(E); Op && Op->getOpcode() == UO_AddrOf)
    E = unwrap(Op->getSubExpr());
  if (const auto *Ref = dyn_cast<DeclRefExpr>(E)) {
    if (const auto *Function = dyn_cast<FunctionDecl>(Ref->getDecl())) {
      const FunctionDecl *Definition = definitionOf(Function);
      return {Definition, nullptr, nullptr, Definition ? nullptr : Function};
    }
    // A closure kept in a local first: auto work = [&] {...}; std::thread t(work);
    if (const auto *Var = dyn_cast<VarDecl>(Ref->getDecl());
        Var && Var->hasLocalStorage() && Var->getInit() && Depth == 0)
      return entryOf(Var->getInit(), Depth + 1);
    return {};
  }
  // co_spawn(pool, task(), ...): the coroutine called to make the awaitable.
  if (const auto *Call = dyn_cast<CallExpr>(E)) {
    const FunctionDecl *Callee = definitionOf(Call->getDirectCallee());
    if (Callee && isa<CoroutineBodyStmt>(Callee->getBody()))
      return {Callee, nullptr, Call};
  }
  return {};
}

bool isLoop(const Stmt &S) {
  return isa<ForStmt>(S) || isa<WhileStmt>(S) || isa<DoStmt>(S) || isa<CXXForRangeStmt>(S);
}

bool within(SourceLocation Loc, SourceRange Range, const SourceManager &SM) {
  return !SM.isBeforeInTranslationUnit(Loc, Range.getBegin()) &&
         !SM.isBeforeInTranslationUnit(Range.getEnd(), Loc);
}

/// The variable a call designates as its object or first argument.
const VarDecl *variableOf(const Expr *E) {
  if (!E)
    return nullptr;
  E = E->IgnoreParenImpCasts();
  if (const auto *Op = dyn_cast<UnaryOperator>(E); Op && Op->getOpcode() == UO_AddrOf)
    E = Op->getSubExpr()->IgnoreParenImpCasts();
  const auto *Ref = dyn_cast<DeclRefExpr>(E);
  return Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
}

const VarDecl *subjectOf(const CallSite &Site) {
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(Site.Call))
    return variableOf(Member->getImplicitObjectArgument());
  if (const auto *Call = dyn_cast<CallExpr>(Site.Call); Call && Call->getNumArgs() > 0)
    return variableOf(Call->getArg(0));
  return nullptr;
}

/// The first `co_await handle` of \p Handle after \p After: awaiting a
/// spawned task's handle waits for the task.
std::optional<SourceLocation> firstAwaitOf(const Stmt &S, const VarDecl &Handle,
                                           SourceLocation After, const SourceManager &SM) {
  if (const auto *Await = dyn_cast<CoawaitExpr>(&S))
    if (variableOf(Await->getOperand()) == &Handle &&
        SM.isBeforeInTranslationUnit(After, SM.getExpansionLoc(Await->getBeginLoc())))
      return SM.getExpansionLoc(Await->getBeginLoc());
  if (isa<LambdaExpr>(S))
    return std::nullopt;
  for (const Stmt *Child : S.children())
    if (Child)
      if (std::optional<SourceLocation> Found = firstAwaitOf(*Child, Handle, After, SM))
        return Found;
  return std::nullopt;
}

} // namespace

std::optional<SpawnSite> SpawnResolver::resolve(const Expr &Start, const catalog::ThreadStart &Kind,
                                                llvm::ArrayRef<const Expr *> Arguments,
                                                const StartContext &Where) {
  const FunctionDecl &Spawner = *Where.Spawner;
  if (!Spawner.getBody())
    return std::nullopt;
  for (const Expr *Argument : Arguments)
    if (llvm::is_contained(Kind.UnlessArgValues, Index.enumeratorName(*Argument)))
      return std::nullopt;
  if (Kind.ExecutorArg >= 0 && (static_cast<size_t>(Kind.ExecutorArg) >= Arguments.size() ||
                                !Index.isPoolExecutor(Arguments[Kind.ExecutorArg]->getType())))
    return std::nullopt;

  llvm::StringSet<> Skip;
  for (const std::string &Type : Kind.SkipArgTypes)
    Skip.insert(Type);
  size_t EntryArg = Kind.EntryArg;
  while (EntryArg < Arguments.size() && Index.typeIs(Arguments[EntryArg]->getType(), Skip))
    ++EntryArg;
  if (EntryArg >= Arguments.size())
    return std::nullopt;
  Entry Found = entryOf(Arguments[EntryArg]);
  if (!Found.Function && !Found.Declared)
    return std::nullopt;

  const SourceManager &SM = Context.getSourceManager();
  SpawnSite Site;
  Site.Start = &Start;
  Site.Entry = Found.Function;
  Site.Lambda = Found.Lambda;
  Site.DeclaredEntry = Found.Declared;
  Site.Spawner = &Spawner;
  if (Site.Entry)
    bindEntry(Site, Arguments, EntryArg, Found.Call);
  // Compared in source order: macro locations as where they expand.
  Site.WindowBegin = SM.getExpansionLoc(Start.getEndLoc());
  const Stmt *Body = Spawner.getBody();
  if (const auto *Coroutine = dyn_cast<CoroutineBodyStmt>(Body))
    Body = Coroutine->getBody();

  // Up from the start to the body: what keeps its result, which loop runs
  // it. A C-style start (pthread_create) returns its handle through the
  // first argument.
  const VarDecl *Bound = nullptr;
  if (!Kind.Constructor && Kind.ExecutorArg < 0 && Kind.EntryArg >= 1 && !Arguments.empty())
    Bound = variableOf(Arguments[0]);
  const Stmt *Loop = nullptr;
  SourceLocation BoundScopeEnd;
  bool OnlyWrappers = true, Discarded = false;
  for (size_t I = 0; I < Where.Ancestors.size(); ++I) {
    const DynTypedNode &Node = Where.Ancestors[I];
    if (const auto *Var = Node.get<VarDecl>()) {
      if (!Bound && OnlyWrappers) {
        Bound = Var;
        // The variable's DeclStmt, then the block it lives in.
        if (I + 2 < Where.Ancestors.size())
          if (const auto *Block = Where.Ancestors[I + 2].get<CompoundStmt>())
            BoundScopeEnd = SM.getExpansionLoc(Block->getRBracLoc());
      }
      OnlyWrappers = false;
      continue;
    }
    const auto *S = Node.get<Stmt>();
    if (!S)
      break;
    if (isa<ExprWithCleanups, CXXBindTemporaryExpr, MaterializeTemporaryExpr, ImplicitCastExpr,
            ParenExpr>(S))
      continue;
    if (const auto *Assign = dyn_cast<BinaryOperator>(S);
        Assign && Assign->getOpcode() == BO_Assign && OnlyWrappers && !Bound)
      Bound = variableOf(Assign->getLHS());
    if (const auto *Operator = dyn_cast<CXXOperatorCallExpr>(S);
        Operator && Operator->getOperator() == OO_Equal && OnlyWrappers && !Bound)
      Bound = variableOf(Operator->getArg(0));
    // `co_await co_spawn(pool, f(), use_awaitable)`: done when the await is.
    if (OnlyWrappers && isa<CoawaitExpr>(S))
      Discarded = true;
    // An expression statement (not `return std::async(...)`).
    if (OnlyWrappers && isa<CompoundStmt, IfStmt, ForStmt, WhileStmt, DoStmt, CXXForRangeStmt,
                            SwitchCase, LabelStmt>(S))
      Discarded = Start.isPRValue() && Start.getType()->isRecordType();
    OnlyWrappers = false;
    if (!Loop && isLoop(*S))
      Loop = S;
  }

  // A thread object, future or jthread that is a discarded temporary is
  // waited for (or the program ends) before the next statement; so is work
  // awaited where it starts.
  if (Discarded) {
    Site.WindowEnd = Site.WindowBegin;
    Site.Closed = true;
    return Site;
  }

  SourceLocation BodyEnd = SM.getExpansionLoc(Body->getEndLoc());
  // A join through a pointer or reference (`for (auto &t : threads)
  // t.join()`) may be this thread's.
  std::optional<SourceLocation> AnyJoin, OwnJoin, IndirectJoin;
  bool Detached = false;
  for (const CallSite &Call : collectCallSites(*Body)) {
    SourceLocation At = SM.getExpansionLoc(Call.Call->getBeginLoc());
    if (!SM.isBeforeInTranslationUnit(Site.WindowBegin, At))
      continue;
    if (Index.isDetach(Call)) {
      Detached |= Bound && subjectOf(Call) == Bound;
      continue;
    }
    if (!Index.isJoin(Call))
      continue;
    if (!AnyJoin)
      AnyJoin = At;
    const VarDecl *Subject = subjectOf(Call);
    if (Bound && !OwnJoin && Subject == Bound)
      OwnJoin = At;
    if (!IndirectJoin &&
        (!Subject || Subject->getType()->isPointerType() || Subject->getType()->isReferenceType()))
      IndirectJoin = At;
  }
  if (Bound && isa<CoroutineBodyStmt>(Spawner.getBody()))
    if (std::optional<SourceLocation> Awaited = firstAwaitOf(*Body, *Bound, Site.WindowBegin, SM);
        Awaited && (!OwnJoin || SM.isBeforeInTranslationUnit(*Awaited, *OwnJoin)))
      OwnJoin = Awaited;
  if (Detached) {
    Site.WindowEnd = BodyEnd;
  } else if (OwnJoin) {
    Site.WindowEnd = *OwnJoin;
    Site.Closed = true;
  } else if (Bound && IndirectJoin) {
    Site.WindowEnd = *IndirectJoin;
    Site.Closed = true;
  } else if (Bound && Bound->hasLocalStorage() && Bound->getType()->isRecordType()) {
    // Its destructor joins (jthread, async's future) or ends the program
    // (std::thread); a pthread_t handle going away joins nothing.
    Site.WindowEnd = BoundScopeEnd.isValid() ? BoundScopeEnd : BodyEnd;
    Site.Closed = true;
  } else if (AnyJoin) {
    Site.WindowEnd = *AnyJoin;
    Site.Closed = true;
  } else {
    Site.WindowEnd = BodyEnd;
  }
  Site.Multiple = Loop && !within(Site.WindowEnd, Loop->getSourceRange(), SM);
  if (Site.Multiple)
    Site.Loop =
        SourceRange(SM.getExpansionLoc(Loop->getBeginLoc()), SM.getExpansionLoc(Loop->getEndLoc()));
  return Site;
}

void SpawnResolver::bindEntry(SpawnSite &Site, llvm::ArrayRef<const Expr *> Arguments,
                              size_t EntryArg, const Expr *EntryCall) {
  static const llvm::DenseSet<const VarDecl *> NoSharedLocals;
  ObjectPaths Paths(Locks, *Site.Spawner, NoSharedLocals, /*AnyLocal=*/true);
  Binding &Bound = Site.EntryBinding;
  auto Given = [&](std::optional<Location> Object) {
    if (Object && Object->Root)
      if (const auto *Var = dyn_cast<VarDecl>(Object->Root);
          Var && Var->hasLocalStorage() && !isa<ParmVarDecl>(Var))
        Site.GivenLocals.push_back(Var);
    return Object;
  };
  if (Site.Lambda) {
    if (llvm::any_of(Site.Lambda->captures(),
                     [](const LambdaCapture &C) { return C.capturesThis(); }))
      Bound.This = Location{};
    return;
  }
  // The thread copies its arguments: what it shares with its starter is what
  // a pointer argument points to, or what std::ref() refers to.
  auto Shared = [&](const Expr &Argument) -> std::optional<Location> {
    const Expr *E = unwrap(&Argument);
    if (const auto *Call = dyn_cast<CallExpr>(E); Call && Call->getNumArgs() == 1)
      if (const FunctionDecl *Callee = Call->getDirectCallee();
          Callee && Callee->getIdentifier() &&
          (Callee->getName() == "ref" || Callee->getName() == "cref"))
        return Given(Paths.lvalue(*Call->getArg(0)));
    if (E->getType()->isPointerType())
      return Given(Paths.pointee(*E));
    return std::nullopt;
  };
  const FunctionDecl &Entry = *Site.Entry;
  if (const auto *Call = dyn_cast_or_null<CallExpr>(EntryCall)) {
    // A coroutine made by a call: its parameters are that call's.
    if (const auto *Member = dyn_cast<CXXMemberCallExpr>(Call))
      Bound.This = Given(Paths.object(*Member->getImplicitObjectArgument()));
    for (unsigned I = 0; I < Call->getNumArgs() && I < Entry.getNumParams(); ++I) {
      QualType Type = Entry.getParamDecl(I)->getType();
      std::optional<Location> Object;
      if (Type->isReferenceType())
        Object = Given(Paths.lvalue(*Call->getArg(I)));
      else if (Type->isPointerType())
        Object = Given(Paths.pointee(*Call->getArg(I)));
      if (Object)
        Bound.Params.push_back({Entry.getParamDecl(I), *Object});
    }
    return;
  }
  size_t Next = EntryArg + 1;
  if (const auto *Method = dyn_cast<CXXMethodDecl>(&Entry); Method && !Method->isStatic()) {
    if (Next < Arguments.size())
      Bound.This = Shared(*Arguments[Next]);
    ++Next;
  }
  for (unsigned Param = 0; Next < Arguments.size() && Param < Entry.getNumParams(); ++Param, ++Next)
    if (std::optional<Location> Object = Shared(*Arguments[Next]))
      Bound.Params.push_back({Entry.getParamDecl(Param), *Object});
}

bool SpawnResolver::declaredPerStart(const SpawnSite &Site, const Decl *Root) const {
  if (!Root || Site.Loop.isInvalid())
    return false;
  const SourceManager &SM = Context.getSourceManager();
  SourceLocation At = SM.getExpansionLoc(Root->getLocation());
  return SM.isBeforeInTranslationUnit(Site.Loop.getBegin(), At) &&
         SM.isBeforeInTranslationUnit(At, Site.Loop.getEnd());
}

bool SpawnResolver::overlap(const SpawnSite &A, const SpawnSite &B) const {
  if (!A.Spawner || !B.Spawner || A.Spawner != B.Spawner)
    return !A.Closed || !B.Closed;
  const SourceManager &SM = Context.getSourceManager();
  return SM.isBeforeInTranslationUnit(A.WindowBegin, B.WindowEnd) &&
         SM.isBeforeInTranslationUnit(B.WindowBegin, A.WindowEnd);
}

} // namespace asynclint
