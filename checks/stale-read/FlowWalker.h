//===--- FlowWalker.h - one function body, path by path -------------------===//
//
// Walks a function body in evaluation order, forking at branches and joining
// where paths meet (loops are walked twice, so a value carried round a loop
// meets the suspension at its top), and records into FunctionFacts:
//
// - every write to a shared location (a global, a member of *this, what a
//   reference or pointer parameter or a by-reference capture designates);
// - the writes that rely on a read of the same location made before a
//   suspension: a value computed from the read (lost update) or a branch
//   decided on it (check-then-act), unless the path checked again after the
//   suspension, changed the location itself before suspending, or held an
//   async lock from the read to the write;
// - the user functions it calls or starts as tasks, with what their `this`,
//   reference parameters and captures stand for.
//
// It derives from EvaluatedCodeVisitor for the node kinds it does not
// handle itself: their children are walked as that visitor walks them
// (lambda bodies, unevaluated operands and local classes left out).
//
//===----------------------------------------------------------------------===//
#pragma once

#include "common/EvaluatedCodeVisitor.h"
#include "stale-read/FlowState.h"
#include "stale-read/FunctionFacts.h"
#include "stale-read/SharedLocation.h"

#include <llvm/ADT/DenseSet.h>

#include <optional>
#include <string>
#include <vector>

namespace asynclint {

class StaleReadIndex;
enum class StartKind;

class FlowWalker : public EvaluatedCodeVisitor<FlowWalker> {
  using Base = EvaluatedCodeVisitor<FlowWalker>;

public:
  FlowWalker(FactsCollector &Collector, const clang::FunctionDecl &Function, FunctionFacts &Out);
  void run();

  /// The RecursiveASTVisitor hook: children of nodes walked generically come
  /// back here. A single-argument override keeps the walk recursive.
  bool TraverseStmt(clang::Stmt *S);

private:
  struct ReadSite {
    Designator Where;
    const clang::Expr *At;
  };
  struct Acquisition {
    const clang::Expr *Await;
    const clang::Expr *Mutex;
    /// The guard variable its awaited result initialises, if any.
    const clang::VarDecl *Guard = nullptr;
  };
  struct JumpTargets {
    FlowState Breaks, Continues;
    bool IsSwitch = false;
  };
  /// A call or lambda that a start (spawn, when_all) runs as a task.
  struct StartedHere {
    EdgeKind Kind;
    const clang::Expr *Start;
  };

  // Statements.
  void walk(const clang::Stmt *S) { TraverseStmt(const_cast<clang::Stmt *>(S)); }
  void visitStatement(clang::Stmt *S);
  void visitCompound(clang::CompoundStmt *Block);
  /// The init-statement, the condition variable and the condition of an if
  /// or a switch: the reads the decision is made on.
  Taint evalCondition(const clang::Stmt *Init, const clang::VarDecl *Variable,
                      const clang::Expr *Condition);
  void visitIf(clang::IfStmt *If);
  void visitLoop(clang::Stmt *Loop);
  void visitSwitch(clang::SwitchStmt *Switch);
  void visitTry(clang::CXXTryStmt *Try);
  void visitVariable(const clang::VarDecl &Var);
  void jump(bool IsBreak);

  // Expressions: each returns the reads its value comes from.
  Taint eval(const clang::Expr *E);
  Taint evalChildren(const clang::Expr *E);
  Taint evalUnary(const clang::UnaryOperator *Op);
  Taint evalBinary(const clang::BinaryOperator *Op);
  Taint evalAssignment(const clang::Expr *Whole, const clang::Expr *Target,
                       const clang::Expr *Value, bool Compound);
  Taint evalBranches(const clang::Expr *Condition, const clang::Expr *First,
                     const clang::Expr *Second);
  Taint evalCall(const clang::CallExpr *Call);
  Taint evalUserCall(const clang::CallExpr *Call, const clang::FunctionDecl &Definition);
  Taint evalLibraryCall(const clang::CallExpr *Call);
  Taint evalStart(const clang::CallExpr *Call, StartKind Kind);
  Taint evalConstruct(const clang::CXXConstructExpr *Construct);
  Taint evalAwait(const clang::CoroutineSuspendExpr *Await);
  Taint evalLambda(const clang::LambdaExpr *Lambda);
  /// Evaluates what a designator expression computes on the way to its
  /// location (indices, arguments of accessors), not the location itself.
  void evalParts(const clang::Expr *E);

  // Effects.
  unsigned read(const Designator &Where, const clang::Expr &At);
  void write(const Designator &Where, const clang::Expr &At, std::string Kind, const Taint *Value,
             bool ChecksAgain);
  void suspend(const clang::Expr &At);
  void acquire(const clang::Expr &Await, const clang::Expr &Mutex);
  /// Releases the acquisitions of mutex (or guard) \p Object; false if none.
  bool releaseMutex(const clang::Expr &Object);

  // Calls and starts.
  /// An edge to \p Callee from here (its loop depth).
  CallEdge edgeTo(const clang::FunctionDecl &Callee, const clang::Expr &At, EdgeKind Kind,
                  const clang::Expr *Start) const;
  unsigned addEdge(CallEdge Edge);
  /// Edge \p Id is a task started by \p Start.
  void startedBy(unsigned Id, const clang::Expr &Start);
  void bindLambda(const clang::LambdaExpr &Lambda, CallEdge &Edge);
  const clang::LambdaExpr *lambdaOf(const clang::Expr &Closure) const;
  /// Finds the coroutines and lambdas start \p Start runs (counting them in
  /// \p Found) and, with \p Register, marks them to be started as \p Kind.
  void findStarted(const clang::Expr *E, EdgeKind Kind, const clang::Expr &Start, unsigned &Found,
                   unsigned Depth, bool Register);

  FactsCollector &Collector;
  StaleReadIndex &Index;
  const clang::FunctionDecl &Function;
  FunctionFacts &Out;
  LocationResolver Resolver;
  /// Constructors and destructors own their object: their writes race with
  /// nothing.
  bool RecordsWrites = true;

  FlowState State;
  std::vector<ReadSite> Reads;
  llvm::DenseMap<const clang::Expr *, unsigned> ReadIds, WriteIds, EdgeIds;
  llvm::DenseSet<const clang::Expr *> StaleWrites;
  std::vector<Acquisition> Acquisitions;
  std::optional<unsigned> LastAcquisition;
  /// The task a local variable holds (the edge of the call that made it).
  llvm::DenseMap<const clang::VarDecl *, unsigned> TaskVariables;
  /// The tasks a local container holds (`tasks.emplace_back(work(i))`), for
  /// a when_all over the whole range.
  llvm::DenseMap<const clang::VarDecl *, llvm::SmallVector<unsigned, 2>> TaskContainers;
  /// The task edges each start call made, and the handles that hold a
  /// start's result (with the loop depth they are declared at).
  llvm::DenseMap<const clang::Expr *, llvm::SmallVector<unsigned, 1>> EdgesOfStart;
  struct Handle {
    llvm::SmallVector<unsigned, 1> Edges;
    unsigned LoopDepth;
  };
  llvm::DenseMap<const clang::VarDecl *, Handle> Handles;
  llvm::DenseMap<const clang::Expr *, StartedHere> Started;
  llvm::DenseSet<const clang::Expr *> Flattened;
  std::vector<JumpTargets> Jumps;
  std::vector<FlowState> SwitchEntries;
  /// Acquisitions released at the end of each enclosing block.
  std::vector<llvm::SmallVector<unsigned, 1>> ScopedLocks;
  /// The taints of the children of the node walked generically.
  std::vector<Taint> Pending;
  /// The operand of the co_await being evaluated, stripped of wrappers.
  const clang::Expr *Awaited = nullptr;
  unsigned LoopDepth = 0;
};

} // namespace asynclint
