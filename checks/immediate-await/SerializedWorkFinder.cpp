//===--- SerializedWorkFinder.cpp -----------------------------------------===//
#include "immediate-await/SerializedWorkFinder.h"
#include "common/EvaluatedCodeVisitor.h"
#include "common/QualifiedName.h"
#include "immediate-await/IterationDependence.h"
#include "immediate-await/StatementWork.h"

#include <clang/AST/ASTContext.h>
#include <clang/AST/DeclCXX.h>
#include <clang/AST/ExprCXX.h>
#include <clang/AST/StmtCXX.h>
#include <llvm/ADT/ArrayRef.h>
#include <llvm/ADT/STLExtras.h>

#include <optional>

namespace asynclint {

using namespace clang;

namespace {

/// Whether \p S itself starts concurrent work: a spawn call or a thread
/// construction.
bool startsWork(const SpawnIndex &Index, const Stmt &S) {
  if (const auto *Call = dyn_cast<CallExpr>(&S))
    return Index.spawnOf(*Call) != nullptr;
  const auto *Construct = dyn_cast<CXXConstructExpr>(&S);
  return Construct && Index.threadOf(*Construct);
}

const Expr *strip(const Expr *E) {
  while (true) {
    const Expr *Next = E->IgnoreImplicit()->IgnoreParens();
    if (Next == E)
      return E;
    E = Next;
  }
}

/// The construction in `std::thread(f)`, `std::thread{f}`, `std::thread t(f)`.
const CXXConstructExpr *asConstruction(const Expr *E) {
  E = strip(E);
  if (const auto *Cast = dyn_cast<CXXFunctionalCastExpr>(E))
    E = strip(Cast->getSubExpr());
  return dyn_cast<CXXConstructExpr>(E);
}

/// `h` in `h`, `std::move(h)`: the variable a wait or an await names.
const VarDecl *handleVariable(const Expr *E) {
  if (!E)
    return nullptr;
  E = strip(E);
  if (const auto *Call = dyn_cast<CallExpr>(E);
      Call && Call->getNumArgs() == 1 && Call->getDirectCallee() &&
      Call->getDirectCallee()->isInStdNamespace() && Call->getDirectCallee()->getIdentifier() &&
      Call->getDirectCallee()->getName() == "move")
    E = strip(Call->getArg(0));
  const auto *Ref = dyn_cast<DeclRefExpr>(E);
  return Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
}

/// `h` in `co_await h` and `co_await std::move(h)`.
const VarDecl *awaitedVariable(const CoroutineSuspendExpr &Await) {
  return handleVariable(Await.getOperand());
}

/// A statement whose expressions are all it evaluates (no sub-statements).
bool isSimpleStatement(const Stmt &S) { return isa<Expr, DeclStmt, ReturnStmt, CoreturnStmt>(S); }

std::string describeCallee(const Expr *E) {
  E = strip(E);
  if (const auto *AddressOf = dyn_cast<UnaryOperator>(E);
      AddressOf && AddressOf->getOpcode() == UO_AddrOf)
    E = strip(AddressOf->getSubExpr());
  if (const auto *Ref = dyn_cast<DeclRefExpr>(E))
    if (const auto *Function = dyn_cast<FunctionDecl>(Ref->getDecl()))
      return describeFunction(*Function);
  if (isa<LambdaExpr>(E))
    return "a lambda";
  return "";
}

/// What a spawn or thread construction runs: the coroutine call among its
/// arguments, else the function or lambda it is given.
template <typename ArgRange> std::string describeWork(ArgRange Args, const SpawnIndex &Index) {
  for (const Expr *Arg : Args) {
    const auto *Call = dyn_cast<CallExpr>(strip(Arg));
    if (Call && Call->getDirectCallee() && Index.isLazyTaskCall(*Call))
      return describeFunction(*Call->getDirectCallee());
  }
  for (const Expr *Arg : Args)
    if (std::string Name = describeCallee(Arg); !Name.empty())
      return Name;
  return "";
}

/// What a spawn call runs: its object when the catalog says the object is
/// the work (`std::move(lazy).via(ex)`), else its arguments.
std::string describeSpawnWork(const CallExpr &Call, const catalog::SpawnFunction &Spawn,
                              const SpawnIndex &Index) {
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(&Call); Member && Spawn.ObjectIsWork)
    if (const Expr *Object = Member->getImplicitObjectArgument()) {
      // `co_withExecutor(ex, task()).start()`: the work of the inner spawn.
      if (const auto *Inner = dyn_cast<CallExpr>(strip(Object)))
        if (const catalog::SpawnFunction *InnerSpawn = Index.spawnOf(*Inner))
          return describeSpawnWork(*Inner, *InnerSpawn, Index);
      return describeWork(llvm::ArrayRef<const Expr *>(Object), Index);
    }
  return describeWork(callArguments(Call), Index);
}

/// A coroutine-land start awaited at once: `co_await spawn(...)` in one
/// statement, or `auto h = spawn(...); co_await h;`.
struct AwaitUnit {
  /// The statements it spans in its list; a barrier unit (a label) spans one.
  size_t First = 0, Last = 0;
  bool Barrier = false;
  const CallExpr *Spawn = nullptr;
  /// The catalog entry (or recognised shape) of Spawn; null for a plain await.
  const catalog::SpawnFunction *Entry = nullptr;
  const Stmt *Await = nullptr;
  std::string StartName, Library, Work;
  bool Lazy = false;
  /// Started by a lazy-task call (option FlagSequentialAwaits), not a spawn.
  bool PlainAwait = false;
};

} // namespace

class SerializedWorkWalker : public EvaluatedCodeVisitor<SerializedWorkWalker> {
  using Base = EvaluatedCodeVisitor<SerializedWorkWalker>;

public:
  SerializedWorkWalker(const SerializedWorkFinder &Finder, std::vector<SerializedWork> &Found)
      : Finder(Finder), Index(Finder.Index), Found(Found) {}

#define ASYNCLINT_LOOP(Type)                                                                       \
  bool Traverse##Type(Type *Loop) {                                                                \
    Loops.push_back(Loop);                                                                         \
    if (const Stmt *Body = Loop->getBody(); Body && !isa<CompoundStmt>(Body))                      \
      scanList(llvm::ArrayRef<const Stmt *>(Body), SourceLocation());                              \
    bool Result = Base::Traverse##Type(Loop);                                                      \
    Loops.pop_back();                                                                              \
    return Result;                                                                                 \
  }
  ASYNCLINT_LOOP(ForStmt)
  ASYNCLINT_LOOP(WhileStmt)
  ASYNCLINT_LOOP(DoStmt)
  ASYNCLINT_LOOP(CXXForRangeStmt)
#undef ASYNCLINT_LOOP

  bool VisitCompoundStmt(CompoundStmt *Block) {
    llvm::SmallVector<const Stmt *, 16> List(Block->body_begin(), Block->body_end());
    scanList(List, Block->getRBracLoc());
    return true;
  }

  bool VisitIfStmt(IfStmt *If) {
    for (const Stmt *Branch : {If->getThen(), If->getElse()})
      if (Branch && !isa<CompoundStmt>(Branch))
        scanList(llvm::ArrayRef<const Stmt *>(Branch), SourceLocation());
    return true;
  }

  bool VisitCXXMemberCallExpr(CXXMemberCallExpr *Call) {
    if (!Index.isWait(*Call) || !Call->getImplicitObjectArgument())
      return true;
    const Expr *Object = strip(Call->getImplicitObjectArgument());
    SerializedWork Work;
    Work.Kind = SerializedKind::WaitedInSameExpression;
    if (!describeStart(Object, Work, /*ForDeferredWait=*/true))
      return true;
    Work.WaitLoc = Call->getExprLoc();
    Work.WaitName = Call->getMethodDecl()->getNameAsString();
    report(std::move(Work));
    return true;
  }

private:
  /// Fills the start fields of \p Work if \p E is a spawn call or a thread
  /// construction. A std::launch::deferred spawn waited for at once just runs
  /// in place: nothing was meant to overlap, so it is no start.
  bool describeStart(const Expr *E, SerializedWork &Work, bool ForDeferredWait) {
    if (const auto *Call = dyn_cast<CallExpr>(E)) {
      const catalog::SpawnFunction *Spawn = Index.spawnOf(*Call);
      if (!Spawn || (ForDeferredWait && Index.neverRunsIfDiscarded(*Call, *Spawn)))
        return false;
      Work.Start = Call;
      Work.StartName = Spawn->Name;
      Work.Library = Spawn->Library;
      Work.Lazy = Spawn->Lazy;
      Work.Entry = Spawn;
      Work.Work = describeSpawnWork(*Call, *Spawn, Index);
      return true;
    }
    if (const CXXConstructExpr *Construct = asConstruction(E)) {
      const catalog::ThreadClass *Thread = Index.threadOf(*Construct);
      if (!Thread)
        return false;
      Work.Start = Construct;
      Work.StartName = Thread->Name;
      Work.Library = Thread->Library;
      Work.Work = describeWork(Construct->arguments(), Index);
      return true;
    }
    return false;
  }

  void report(SerializedWork Work) {
    Work.InLoop = !Loops.empty();
    Found.push_back(std::move(Work));
  }

  void checkDiscarded(const Expr &Statement) {
    const Expr *E = strip(&Statement);
    if (const auto *Cast = dyn_cast<ExplicitCastExpr>(E); Cast && Cast->getType()->isVoidType())
      E = strip(Cast->getSubExpr());
    SerializedWork Work;
    if (const auto *Call = dyn_cast<CallExpr>(E)) {
      const catalog::SpawnFunction *Spawn = Index.spawnOf(*Call);
      if (!Spawn || !Spawn->WaitsOnDestruction || !describeStart(Call, Work, false))
        return;
      Work.Kind = Index.neverRunsIfDiscarded(*Call, *Spawn) ? SerializedKind::DiscardedDeferred
                                                            : SerializedKind::DiscardedFuture;
    } else if (const CXXConstructExpr *Construct = asConstruction(E)) {
      const catalog::ThreadClass *Thread = Index.threadOf(*Construct);
      if (!Thread || !Thread->JoinsOnDestruction || !describeStart(Construct, Work, false))
        return;
      Work.Kind = SerializedKind::TemporaryJoiningThread;
    } else {
      return;
    }
    Work.WaitLoc = Statement.getEndLoc();
    report(std::move(Work));
  }

  /// Whether \p S starts concurrent work anywhere in it.
  bool containsStart(const Stmt &S) const {
    llvm::SmallVector<const Stmt *, 1> Starts;
    collectNodes(S, [&](const Stmt &N) { return startsWork(Index, N); }, Starts);
    return !Starts.empty();
  }

  /// The work started earlier in a block that may still be running: stored
  /// starts not yet waited for, and any start without a handle to wait on.
  struct OpenStarts {
    llvm::SmallPtrSet<const VarDecl *, 4> Handles;
    bool Unnamed = false;
    bool any() const { return Unnamed || !Handles.empty(); }
  };

  /// The variable a statement `T v = start;` stores a start in.
  const VarDecl *startHandle(const Stmt &S) {
    const auto *Declaration = dyn_cast<DeclStmt>(&S);
    const auto *Var = Declaration && Declaration->isSingleDecl()
                          ? dyn_cast<VarDecl>(Declaration->getSingleDecl())
                          : nullptr;
    if (!Var || !Var->getInit() || !Var->hasLocalStorage() || Var->getType()->isReferenceType())
      return nullptr;
    SerializedWork Ignored;
    return describeStart(strip(Var->getInit()), Ignored, /*ForDeferredWait=*/false) ? Var : nullptr;
  }

  /// Updates \p Open with statement \p S: a wait on a handle (a join, a get,
  /// a co_await) in a simple statement finishes that work; a new start opens.
  void trackStarts(const Stmt &S, OpenStarts &Open) {
    if (isSimpleStatement(S) && !Open.Handles.empty()) {
      llvm::SmallVector<const Stmt *, 2> Waits;
      collectNodes(
          S,
          [&](const Stmt &N) {
            const VarDecl *Waited = nullptr;
            if (const auto *Call = dyn_cast<CXXMemberCallExpr>(&N); Call && Index.isWait(*Call)) {
              Waited = handleVariable(Call->getImplicitObjectArgument());
            } else if (const auto *Await = dyn_cast<CoawaitExpr>(&N)) {
              Waited = awaitedVariable(*Await);
            }
            return Waited && Open.Handles.erase(Waited);
          },
          Waits);
    }
    if (const VarDecl *Handle = startHandle(S))
      Open.Handles.insert(Handle);
    else if (containsStart(S))
      Open.Unnamed = true;
  }

  /// The first statement after \p I in \p List that is not idle.
  static size_t nextBusy(llvm::ArrayRef<const Stmt *> List, size_t I) {
    size_t J = I + 1;
    while (J < List.size() && isIdleStatement(*List[J]))
      ++J;
    return J;
  }

  /// `T v = start;` followed by a wait on v (or the end of v's scope) with
  /// only idle statements in between. Thread-land pairs are reported;
  /// coroutine-land pairs become a unit.
  void scanDeclaration(llvm::ArrayRef<const Stmt *> List, size_t I, SourceLocation ScopeEnd,
                       bool EarlierStart, llvm::SmallVectorImpl<AwaitUnit> &Units) {
    const auto *Declaration = cast<DeclStmt>(List[I]);
    if (!Declaration->isSingleDecl())
      return;
    const auto *Var = dyn_cast<VarDecl>(Declaration->getSingleDecl());
    if (!Var || !Var->getInit() || !Var->hasLocalStorage() || Var->getType()->isReferenceType())
      return;
    SerializedWork Work;
    Work.Handle = Var;
    const Expr *Init = strip(Var->getInit());
    if (!describeStart(Init, Work, /*ForDeferredWait=*/true))
      return;
    const auto *SpawnCall = dyn_cast<CallExpr>(Work.Start);
    const catalog::SpawnFunction *Spawn = SpawnCall ? Index.spawnOf(*SpawnCall) : nullptr;
    const catalog::ThreadClass *Thread =
        SpawnCall ? nullptr : Index.threadOf(*cast<CXXConstructExpr>(Work.Start));

    size_t J = nextBusy(List, I);
    // `std::thread a(f); std::thread b(g); b.join(); a.join();` and two
    // std::jthreads at the end of a block are create-all-then-wait: the
    // threads started earlier in the block run while this one is waited for.
    // (Coroutine spawns awaited at once still form sequences.)
    if (J == List.size()) {
      if (EarlierStart)
        return;
      bool WaitsAtScopeEnd = Spawn ? Spawn->WaitsOnDestruction : Thread->JoinsOnDestruction;
      if (!WaitsAtScopeEnd || ScopeEnd.isInvalid())
        return;
      Work.Kind = SerializedKind::DestroyedNext;
      Work.WaitLoc = ScopeEnd;
      report(std::move(Work));
      return;
    }
    const Stmt &Next = *List[J];
    if (!isSimpleStatement(Next))
      return;
    llvm::SmallVector<const Stmt *, 2> Waits;
    collectNodes(
        Next,
        [&](const Stmt &S) {
          if (const auto *Call = dyn_cast<CXXMemberCallExpr>(&S))
            return handleVariable(Call->getImplicitObjectArgument()) == Var && Index.isWait(*Call);
          const auto *Await = dyn_cast<CoawaitExpr>(&S);
          return Await && awaitedVariable(*Await) == Var;
        },
        Waits);
    if (Waits.size() != 1)
      return;
    TargetPosition Position = locateTarget(Next, *Waits.front());
    if (!Position.Found || Position.OtherWork)
      return;
    if (const auto *Call = dyn_cast<CXXMemberCallExpr>(Waits.front())) {
      if (EarlierStart)
        return;
      Work.Kind = SerializedKind::WaitedNext;
      Work.WaitLoc = Call->getExprLoc();
      Work.WaitName = Call->getMethodDecl()->getNameAsString();
      report(std::move(Work));
      return;
    }
    if (!Spawn)
      return;
    AwaitUnit Unit;
    Unit.First = I;
    Unit.Last = J;
    Unit.Spawn = SpawnCall;
    Unit.Await = Waits.front();
    Unit.StartName = Work.StartName;
    Unit.Library = Work.Library;
    Unit.Work = Work.Work;
    Unit.Lazy = Work.Lazy;
    Unit.Entry = Work.Entry;
    Units.push_back(std::move(Unit));
  }

  /// `... co_await spawn(...) ...` as the statement's first work.
  std::optional<AwaitUnit> immediateAwait(const Stmt &S, size_t I) {
    if (!isSimpleStatement(S))
      return std::nullopt;
    llvm::SmallVector<const Stmt *, 2> Awaits;
    collectNodes(
        S, [](const Stmt &N) { return isa<CoroutineSuspendExpr, DependentCoawaitExpr>(N); },
        Awaits);
    if (Awaits.size() != 1 || !isa<CoawaitExpr>(Awaits.front()))
      return std::nullopt;
    const auto *Await = cast<CoawaitExpr>(Awaits.front());
    const auto *Call =
        Await->getOperand() ? dyn_cast<CallExpr>(strip(Await->getOperand())) : nullptr;
    if (!Call)
      return std::nullopt;
    AwaitUnit Unit;
    Unit.First = Unit.Last = I;
    Unit.Spawn = Call;
    Unit.Await = Await;
    if (const catalog::SpawnFunction *Spawn = Index.spawnOf(*Call)) {
      Unit.StartName = Spawn->Name;
      Unit.Library = Spawn->Library;
      Unit.Lazy = Spawn->Lazy;
      Unit.Entry = Spawn;
      Unit.Work = describeSpawnWork(*Call, *Spawn, Index);
    } else if (Finder.FlagSequentialAwaits && Index.isLazyTaskCall(*Call)) {
      Unit.PlainAwait = true;
      Unit.Lazy = true;
      Unit.Work = describeFunction(*Call->getDirectCallee());
    } else {
      return std::nullopt;
    }
    // The spawn's own arguments run first; anything else before the await
    // is work between two starts.
    TargetPosition Position = locateTarget(S, *Await);
    if (Position.OtherWork)
      return std::nullopt;
    return Unit;
  }

  void scanList(llvm::ArrayRef<const Stmt *> List, SourceLocation ScopeEnd) {
    llvm::SmallVector<AwaitUnit, 4> Units;
    OpenStarts Open;
    for (size_t I = 0; I < List.size(); ++I) {
      const Stmt *S = List[I];
      bool Labeled = false;
      while (true) {
        if (const auto *Label = dyn_cast<LabelStmt>(S))
          S = Label->getSubStmt();
        else if (const auto *Case = dyn_cast<SwitchCase>(S))
          S = Case->getSubStmt();
        else
          break;
        Labeled = true;
      }
      if (Labeled) {
        // A jump target: whatever ran before it need not have.
        AwaitUnit Barrier;
        Barrier.First = Barrier.Last = I;
        Barrier.Barrier = true;
        Units.push_back(Barrier);
      }
      if (const auto *E = dyn_cast<Expr>(S))
        checkDiscarded(*E);
      if (isa<DeclStmt>(S) && !Labeled)
        scanDeclaration(List, I, ScopeEnd, Open.any(), Units);
      if (std::optional<AwaitUnit> Unit = immediateAwait(*S, I); Unit && !Labeled)
        Units.push_back(std::move(*Unit));
      trackStarts(*S, Open);
    }
    if (!Units.empty())
      analyzeUnits(List, Units);
  }

  /// What the work a start runs reads: its arguments, but not the executor
  /// or pool it runs on. The object of a spawn member function is the
  /// executor; the object of a member coroutine is state it works on.
  References spawnInputs(const AwaitUnit &Unit) const {
    const CallExpr &Spawn = *Unit.Spawn;
    References Inputs;
    bool ObjectIsWork = Unit.PlainAwait || (Unit.Entry && Unit.Entry->ObjectIsWork);
    if (const auto *Member = dyn_cast<CXXMemberCallExpr>(&Spawn); Member && ObjectIsWork)
      if (const Expr *Object = Member->getImplicitObjectArgument();
          Object && !Index.isExecutorArgument(*Object))
        collectReferences(*Object, Inputs);
    for (const Expr *Arg : callArguments(Spawn))
      if (!Index.isExecutorArgument(*Arg))
        collectReferences(*Arg, Inputs);
    return Inputs;
  }

  void analyzeUnits(llvm::ArrayRef<const Stmt *> List, llvm::ArrayRef<AwaitUnit> Units);
  bool escapes(llvm::ArrayRef<const Stmt *> List, const AwaitUnit &Unit, References &Results);
  bool isOutputOnly(const Stmt &S) const;
  void reportUnit(const AwaitUnit &Unit, SerializedKind Kind,
                  llvm::ArrayRef<const AwaitUnit *> Followers = {});

  const SerializedWorkFinder &Finder;
  const SpawnIndex &Index;
  std::vector<SerializedWork> &Found;
  llvm::SmallVector<const Stmt *, 4> Loops;
};

namespace {

/// A variable no task can change through its name: a const value, or a
/// reference or pointer to const.
bool isReadOnly(const ValueDecl &D) {
  QualType Type = D.getType();
  if (Type->isReferenceType() || Type->isPointerType())
    return Type->getPointeeType().isConstQualified();
  return Type.isConstQualified();
}

bool isOutputStream(const ValueDecl &D) {
  const CXXRecordDecl *Class = classOf(D.getType());
  if (!Class)
    return false;
  // std::cout, std::cerr: printing to them orders nothing the tasks read.
  const auto *Spec = dyn_cast<ClassTemplateSpecializationDecl>(Class);
  return Class->isInStdNamespace() && Spec && Spec->getName() == "basic_ostream";
}

} // namespace

bool SerializedWorkWalker::isOutputOnly(const Stmt &S) const {
  if (!isa<Expr>(S))
    return false;
  llvm::SmallVector<const Stmt *, 8> Work;
  collectNodes(S, [](const Stmt &N) { return isWorkNode(N); }, Work);
  for (const Stmt *Node : Work) {
    const auto *Call = dyn_cast<CallExpr>(Node);
    if (!Call)
      return false;
    if (Index.isOutput(*Call))
      continue;
    // Reading a local to print it (`name.c_str()`, `v.size()`) changes nothing.
    const auto *Member = dyn_cast<CXXMemberCallExpr>(Call);
    const Expr *Object = Member ? Member->getImplicitObjectArgument() : nullptr;
    const auto *Ref = Object ? dyn_cast<DeclRefExpr>(strip(Object)) : nullptr;
    if (!Ref || !Member->getMethodDecl()->isConst() || !isPlainLocal(*Ref->getDecl()))
      return false;
  }
  return true;
}

/// The variables \p Unit's statements write its result to, in \p Results.
/// True when the result may leave the function's locals (a field, a global,
/// a reference, a call that is not a local container's member), so that
/// later work could depend on it unseen.
bool SerializedWorkWalker::escapes(llvm::ArrayRef<const Stmt *> List, const AwaitUnit &Unit,
                                   References &Results) {
  for (size_t I = Unit.First; I <= Unit.Last; ++I)
    collectReferences(*List[I], Results, Unit.Spawn);
  if (Results.UsesThis)
    return true;
  for (const ValueDecl *D : Results.Decls)
    if (!isPlainLocal(*D) && !isOutputStream(*D))
      return true;
  TargetPosition Position = locateTarget(*List[Unit.Last], *Unit.Await);
  for (const Stmt *Enclosing : Position.Enclosing) {
    if (isa<CXXConstructExpr>(Enclosing))
      continue;
    const auto *Call = dyn_cast<CallExpr>(Enclosing);
    if (!Call)
      return true;
    if (Index.isOutput(*Call))
      continue;
    if (const auto *Member = dyn_cast<CXXMemberCallExpr>(Call)) {
      const Expr *Object = Member->getImplicitObjectArgument();
      const auto *Ref = Object ? dyn_cast<DeclRefExpr>(strip(Object)) : nullptr;
      if (Ref && isPlainLocal(*Ref->getDecl()))
        continue;
      if (isa<CXXConversionDecl>(Member->getMethodDecl()))
        continue;
    }
    return true;
  }
  return false;
}

void SerializedWorkWalker::reportUnit(const AwaitUnit &Unit, SerializedKind Kind,
                                      llvm::ArrayRef<const AwaitUnit *> Followers) {
  SerializedWork Work;
  Work.Kind = Kind;
  Work.Start = Unit.Spawn;
  Work.StartName = Unit.StartName;
  Work.Library = Unit.Library;
  Work.Work = Unit.Work;
  Work.Lazy = Unit.Lazy;
  Work.Entry = Unit.Entry;
  Work.WaitLoc = Unit.Await->getBeginLoc();
  for (const AwaitUnit *Follower : Followers)
    Work.Followers.push_back(Follower->Spawn);
  report(std::move(Work));
}

void SerializedWorkWalker::analyzeUnits(llvm::ArrayRef<const Stmt *> List,
                                        llvm::ArrayRef<AwaitUnit> Units) {
  llvm::SmallVector<bool, 4> InLoop(Units.size(), false);
  if (!Loops.empty())
    for (size_t U = 0; U < Units.size(); ++U)
      if (!Units[U].Barrier && !Units[U].PlainAwait &&
          iterationsIndependent(*Loops.back(), spawnInputs(Units[U]), Finder.Context,
                                Units[U].Spawn)) {
        InLoop[U] = true;
        reportUnit(Units[U], SerializedKind::AwaitedInLoop);
      }

  // Runs of units each awaited before the next starts, none using an
  // earlier one's result.
  llvm::SmallVector<size_t, 4> Run;
  // What the run's results went to, and what its starts read.
  References Taint, RunInputs;
  bool RunClosed = true;
  auto Flush = [&] {
    llvm::SmallVector<size_t, 4> Open;
    for (size_t U : Run)
      if (!InLoop[U])
        Open.push_back(U);
    if (Open.size() >= 2) {
      llvm::SmallVector<const AwaitUnit *, 2> Followers;
      for (size_t K = 1; K < Open.size(); ++K)
        Followers.push_back(&Units[Open[K]]);
      reportUnit(Units[Open.front()], SerializedKind::AwaitedInSequence, Followers);
    }
    Run.clear();
    Taint = References();
    RunInputs = References();
  };
  auto Start = [&](size_t U) {
    Flush();
    if (Units[U].Barrier) {
      RunClosed = true;
      return;
    }
    Run.push_back(U);
    References Inputs = spawnInputs(Units[U]);
    RunInputs.Decls.insert(Inputs.Decls.begin(), Inputs.Decls.end());
    RunClosed = Inputs.UsesThis || escapes(List, Units[U], Taint);
  };

  for (size_t U = 0; U < Units.size(); ++U) {
    const AwaitUnit &Unit = Units[U];
    if (Run.empty() || RunClosed || Unit.Barrier) {
      Start(U);
      continue;
    }
    bool Continues = true;
    for (size_t K = Units[Run.back()].Last + 1; K < Unit.First && Continues; ++K) {
      const Stmt &Between = *List[K];
      if (isIdleStatement(Between)) {
        References Used;
        collectReferences(Between, Used);
        bool Touches =
            llvm::any_of(Used.Decls, [&](const ValueDecl *D) { return Taint.Decls.contains(D); });
        if (Touches) {
          for (const ValueDecl *D : Used.Decls)
            if (!isPlainLocal(*D))
              Continues = false;
          Taint.Decls.insert(Used.Decls.begin(), Used.Decls.end());
        }
        continue;
      }
      Continues = isOutputOnly(Between);
    }
    References Inputs = spawnInputs(Unit);
    if (Continues) {
      for (size_t K = Unit.First; K < Unit.Last; ++K)
        collectReferences(*List[K], Inputs, Unit.Spawn);
      // A later start that uses an earlier result, or an object an earlier
      // task may change, needs the order.
      Continues = !Inputs.UsesThis && llvm::none_of(Inputs.Decls, [&](const ValueDecl *D) {
        return Taint.Decls.contains(D) || (RunInputs.Decls.contains(D) && !isReadOnly(*D));
      });
    }
    if (!Continues) {
      Start(U);
      continue;
    }
    Run.push_back(U);
    RunInputs.Decls.insert(Inputs.Decls.begin(), Inputs.Decls.end());
    RunClosed = escapes(List, Unit, Taint);
  }
  Flush();
}

namespace {

/// Whether a body evaluates a start (a spawn call, a thread construction) or
/// a co_await: every finding needs one, and most functions have neither, so
/// one walk that stops at the first spares them the per-block scans.
class StartOrAwaitSearch : public EvaluatedCodeVisitor<StartOrAwaitSearch> {
public:
  explicit StartOrAwaitSearch(const SpawnIndex &Index) : Index(Index) {}

  // Returning false ends the traversal: the answer is known.
  bool VisitCallExpr(CallExpr *Call) { return !(Found = startsWork(Index, *Call)); }
  bool VisitCXXConstructExpr(CXXConstructExpr *Construct) {
    return !(Found = startsWork(Index, *Construct));
  }
  bool VisitCoroutineSuspendExpr(CoroutineSuspendExpr *) { return !(Found = true); }
  bool VisitDependentCoawaitExpr(DependentCoawaitExpr *) { return !(Found = true); }

  bool Found = false;

private:
  const SpawnIndex &Index;
};

} // namespace

std::vector<SerializedWork> SerializedWorkFinder::find(const Stmt &Body) const {
  std::vector<SerializedWork> Found;
  StartOrAwaitSearch Search(Index);
  Search.TraverseStmt(const_cast<Stmt *>(&Body));
  if (!Search.Found)
    return Found;
  SerializedWorkWalker(*this, Found).TraverseStmt(const_cast<Stmt *>(&Body));
  return Found;
}

} // namespace asynclint
