//===--- StaleWriteFinder.cpp ---------------------------------------------===//
#include "stale-read/StaleWriteFinder.h"

#include <llvm/ADT/DenseSet.h>

#include <map>
#include <tuple>

namespace asynclint {

using namespace clang;

namespace {

struct Writer {
  const WriteFact *Write;
  const FunctionDecl *Function;
  unsigned Task;
  ObjectKey Key;
};

using ObjectId = std::tuple<int, const void *, unsigned>;

ObjectId idOf(const ObjectKey &Key) { return {Key.K, Key.Id, Key.Owner}; }

} // namespace

std::vector<StaleFinding> findStaleWrites(const TaskGraph &Graph, FactsCollector &Facts) {
  const std::vector<Context> &Contexts = Graph.contexts();
  const std::vector<Task> &Tasks = Graph.tasks();

  // Every write made inside a task, by the object it changes.
  std::map<ObjectId, std::vector<Writer>> Writers;
  for (unsigned Id = 0; Id < Contexts.size(); ++Id) {
    const Context &C = Contexts[Id];
    if (!C.Task)
      continue;
    for (const WriteFact &Write : Facts.of(*C.Function).Writes) {
      Binding Bound = Graph.resolve(Write.Where, Id);
      if (Bound.Key.known())
        Writers[idOf(Bound.Key)].push_back({&Write, C.Function, C.Task, Bound.Key});
    }
  }

  std::vector<StaleFinding> Found;
  llvm::DenseSet<const Expr *> Reported;
  for (unsigned Id = 0; Id < Contexts.size(); ++Id) {
    const Context &C = Contexts[Id];
    if (!C.Task)
      continue;
    const FunctionFacts &Own = Facts.of(*C.Function);
    for (const StaleWrite &Stale : Own.Stale) {
      const WriteFact &Write = Own.Writes[Stale.Write];
      if (Reported.contains(Write.At))
        continue;
      Binding Bound = Graph.resolve(Write.Where, Id);
      if (!Bound.Key.known())
        continue;
      StaleFinding Finding;
      Finding.Function = C.Function;
      Finding.Stale = Stale;
      Finding.Write = &Write;
      Finding.In = &Tasks[C.Task];
      // Another instance of this very code, on the same object.
      if (Tasks[C.Task].Many && Bound.SameEveryTime) {
        Finding.Other = &Write;
        Finding.OtherFunction = C.Function;
        Finding.OtherTask = Finding.In;
      } else if (auto Candidates = Writers.find(idOf(Bound.Key)); Candidates != Writers.end()) {
        for (const Writer &Other : Candidates->second) {
          if (!Graph.concurrent(C.Task, Other.Task) || !overlaps(Bound.Key, Other.Key))
            continue;
          // A check is undone by the same kind of change (an insert by
          // another insert), not by any: a writer that only appends leaves
          // `!queue.empty()` true.
          if (Stale.Pattern == StalePattern::CheckThenAct && Other.Write->Kind != Write.Kind)
            continue;
          Finding.Other = Other.Write;
          Finding.OtherFunction = Other.Function;
          Finding.OtherTask = &Tasks[Other.Task];
          break;
        }
      }
      if (!Finding.Other)
        continue;
      Reported.insert(Write.At);
      Found.push_back(Finding);
    }
  }
  return Found;
}

} // namespace asynclint
