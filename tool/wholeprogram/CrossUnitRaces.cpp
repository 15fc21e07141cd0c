//===--- CrossUnitRaces.cpp -----------------------------------------------===//
//
// The unit's RaceFinder, over facts instead of the AST, cut to the
// locations every unit names alike. A function is one context here (no
// `this` or parameter binding: only globals are recorded); its lockset is
// what every concurrent caller holds (intersection), its spawns what reach
// it (union): both move one way, so the worklist ends, and where it ends
// does not depend on the order of the work.
//
// What one unit saw, it already judged: a pair of accesses is left to the
// unit's own analysis when some unit defines the starters, and every
// function on the way from the entries to the accesses.
//
// A compile database often holds several programs (tests, examples, tools).
// Threads of two starters are taken to run at once only when one unit
// defines both starters (they are then in one program); a function defined
// differently in two units (each program's `main`) is not followed by name
// (see CombineFacts.cpp).
//
//===----------------------------------------------------------------------===//
#include "wholeprogram/CrossUnitRaces.h"

#include <algorithm>
#include <deque>
#include <iterator>
#include <map>
#include <optional>
#include <set>

namespace asynclint::wholeprogram {

namespace {

constexpr const char *SharedStateCheck = "async-unguarded-shared-state";

using Locks = std::vector<facts::SharedLock>;
using Units = std::set<unsigned>;

// The lockset algebra of shared-state/Locations.cpp, on named locks.
bool sameLock(const facts::SharedLock &A, const facts::SharedLock &B) {
  return A.Any == B.Any && (A.Any || A.Id == B.Id);
}

bool excludeEachOther(const Locks &A, const Locks &B) {
  for (const facts::SharedLock &X : A)
    for (const facts::SharedLock &Y : B)
      if (X.Any || Y.Any || (X.Id == Y.Id && !(X.Shared && Y.Shared)))
        return true;
  return false;
}

Locks intersect(const Locks &A, const Locks &B) {
  Locks Result;
  for (const facts::SharedLock &X : A)
    for (const facts::SharedLock &Y : B)
      if (sameLock(X, Y)) {
        facts::SharedLock Common = X;
        Common.Shared = X.Shared || Y.Shared;
        Result.push_back(Common);
        break;
      }
  return Result;
}

void addAll(Locks &To, const Locks &From) {
  for (const facts::SharedLock &Lock : From) {
    auto Known = std::find_if(To.begin(), To.end(),
                              [&](const facts::SharedLock &H) { return sameLock(H, Lock); });
    if (Known == To.end())
      To.push_back(Lock);
    else
      Known->Shared = Known->Shared && Lock.Shared;
  }
  std::sort(To.begin(), To.end());
}

bool intersects(const Units &A, const Units &B) {
  return std::any_of(A.begin(), A.end(), [&](unsigned U) { return B.count(U) > 0; });
}

Units common(const Units &A, const Units &B) {
  Units Result;
  std::set_intersection(A.begin(), A.end(), B.begin(), B.end(),
                        std::inserter(Result, Result.end()));
  return Result;
}

struct Spawn {
  const facts::SharedStateFacts *Starter;
  unsigned Index; ///< in Starter->Starts
  const facts::ThreadStartFacts &start() const { return Starter->Starts[Index]; }
};

/// An access as made by one concurrent party: the thread of a spawn, or its
/// starter while that thread runs.
struct Party {
  const facts::SharedAccess *What;
  const facts::SharedStateFacts *In;
  unsigned Spawn;
  bool StarterSide;
  Locks Held;
  /// The units that see this party (see the file comment).
  Units SeenIn;
};

class RaceSearch {
public:
  explicit RaceSearch(const facts::ProgramFacts &Program) : Program(Program) {}

  std::vector<findings::Finding> run() {
    for (const auto &[Id, F] : Program.SharedState)
      for (unsigned I = 0; I < F.Starts.size(); ++I) {
        Spawns.push_back({&F, I});
      }
    propagate();
    std::map<std::string, std::vector<Party>> ByLocation;
    for (unsigned S = 0; S < Spawns.size(); ++S) {
      for (const auto &[Id, SeenIn] : visibility(S)) {
        const facts::SharedStateFacts &F = Program.SharedState.at(Id);
        for (const facts::SharedAccess &A : F.Accesses) {
          Locks Held = Reached.at(Id).Inherited;
          addAll(Held, A.Locks);
          ByLocation[A.Location].push_back({&A, &F, S, false, std::move(Held), SeenIn});
        }
      }
      const facts::SharedStateFacts &Starter = *Spawns[S].Starter;
      for (unsigned I : Spawns[S].start().During) {
        const facts::SharedAccess &A = Starter.Accesses[I];
        ByLocation[A.Location].push_back(
            {&A, &Starter, S, true, A.Locks, unitsOf(Starter.Function.Id)});
      }
    }
    std::vector<findings::Finding> Found;
    for (const auto &[Location, All] : ByLocation)
      if (std::optional<std::pair<const Party *, const Party *>> Race = raceOn(All))
        Found.push_back(finding(*Race->first, *Race->second));
    return Found;
  }

private:
  struct Reach {
    Locks Inherited;
    std::set<unsigned> Spawns;
  };

  const Units &unitsOf(const std::string &Id) const {
    static const Units None;
    auto It = Program.SharedStateUnits.find(Id);
    return It == Program.SharedStateUnits.end() ? None : It->second;
  }

  /// Merges what one more caller brings; true when it changed.
  bool reach(const std::string &Id, const Locks &Held, const std::set<unsigned> &BySpawns) {
    auto [It, New] = Reached.try_emplace(Id, Reach{Held, {}});
    bool Changed = New;
    if (!New) {
      Locks Common = intersect(It->second.Inherited, Held);
      std::sort(Common.begin(), Common.end());
      if (Common != It->second.Inherited) {
        It->second.Inherited = std::move(Common);
        Changed = true;
      }
    }
    for (unsigned S : BySpawns)
      Changed |= It->second.Spawns.insert(S).second;
    return Changed;
  }

  /// From the functions in \p Work along calls into functions with facts,
  /// as long as \p Changed (given a caller and one of its calls) says the
  /// callee learnt something.
  template <typename Step> void walkCalls(std::deque<std::string> Work, Step &&Changed) const {
    while (!Work.empty()) {
      std::string Id = std::move(Work.front());
      Work.pop_front();
      for (const facts::SharedCall &Call : Program.SharedState.at(Id).Calls)
        if (Program.SharedState.count(Call.Callee.Id) && Changed(Id, Call))
          Work.push_back(Call.Callee.Id);
    }
  }

  void propagate() {
    std::deque<std::string> Work;
    for (unsigned S = 0; S < Spawns.size(); ++S) {
      const std::string &Entry = Spawns[S].start().Entry.Id;
      if (Program.SharedState.count(Entry) && reach(Entry, {}, {S}))
        Work.push_back(Entry);
    }
    walkCalls(std::move(Work), [&](const std::string &Id, const facts::SharedCall &Call) {
      Reach Caller = Reached.at(Id); // a copy: the callee may be the caller itself
      addAll(Caller.Inherited, Call.Locks);
      return reach(Call.Callee.Id, Caller.Inherited, Caller.Spawns);
    });
  }

  /// The functions spawn \p S runs, each with the units in which one unit
  /// defines the starter and every function on some way to it.
  std::map<std::string, Units> visibility(unsigned S) const {
    std::map<std::string, Units> Seen;
    const std::string &Entry = Spawns[S].start().Entry.Id;
    if (!Program.SharedState.count(Entry))
      return Seen;
    Seen[Entry] = common(unitsOf(Spawns[S].Starter->Function.Id), unitsOf(Entry));
    walkCalls({Entry}, [&](const std::string &Id, const facts::SharedCall &Call) {
      Units Through = common(Seen[Id], unitsOf(Call.Callee.Id));
      auto [It, New] = Seen.try_emplace(Call.Callee.Id);
      size_t Before = It->second.size();
      It->second.insert(Through.begin(), Through.end());
      return New || It->second.size() != Before;
    });
    return Seen;
  }

  bool concurrent(const Party &A, const Party &B) const {
    if (A.StarterSide && B.StarterSide)
      return false;
    if (A.StarterSide || B.StarterSide)
      return A.Spawn == B.Spawn;
    const Spawn &X = Spawns[A.Spawn], &Y = Spawns[B.Spawn];
    if (A.Spawn == B.Spawn)
      return X.start().Multiple;
    // Two starters run in one program only if one unit defines both (a
    // database mixes programs: tests, examples, tools).
    if (X.Starter != Y.Starter)
      return (!X.start().Closed || !Y.start().Closed) &&
             intersects(unitsOf(X.Starter->Function.Id), unitsOf(Y.Starter->Function.Id));
    const std::vector<unsigned> &Overlaps = X.start().Overlaps;
    return std::find(Overlaps.begin(), Overlaps.end(), Y.Index) != Overlaps.end();
  }

  static bool lazyInitialisation(const facts::SharedAccess &A, const facts::SharedAccess &B) {
    return (A.Deref && !A.Write && B.LazyInit) || (B.Deref && !B.Write && A.LazyInit);
  }

  /// Least protected first, then writes, then by place.
  static bool before(const Party &X, const Party &Y) {
    if (X.Held.empty() != Y.Held.empty())
      return X.Held.empty();
    if (X.What->Write != Y.What->Write)
      return X.What->Write;
    return X.What->At < Y.What->At;
  }

  std::optional<std::pair<const Party *, const Party *>>
  raceOn(const std::vector<Party> &All) const {
    std::optional<std::pair<const Party *, const Party *>> Best;
    for (size_t I = 0; I < All.size(); ++I)
      for (size_t J = I; J < All.size(); ++J) {
        const Party &X = All[I], &Y = All[J];
        if (!(X.What->Write || Y.What->Write) || !concurrent(X, Y) ||
            excludeEachOther(X.Held, Y.Held) || lazyInitialisation(*X.What, *Y.What) ||
            intersects(X.SeenIn, Y.SeenIn))
          continue;
        const Party &Warn = before(Y, X) ? Y : X;
        const Party &Other = &Warn == &X ? Y : X;
        if (!Best || before(Warn, *Best->first) ||
            (Warn.What == Best->first->What && !before(*Best->first, Warn) &&
             otherBefore(Other, *Best->second)))
          Best = std::make_pair(&Warn, &Other);
      }
    return Best;
  }

  /// Between two other sides of one warned access: a write, then by place,
  /// then by spawn (a fixed order whatever the order of the parties).
  bool otherBefore(const Party &X, const Party &Y) const {
    if (X.What->Write != Y.What->Write)
      return X.What->Write;
    if (X.What->At != Y.What->At)
      return X.What->At < Y.What->At;
    return spawnPlace(X) < spawnPlace(Y);
  }

  const facts::Place &spawnPlace(const Party &P) const { return Spawns[P.Spawn].start().At; }

  std::string entryName(const Spawn &S) const {
    const facts::FunctionName &Entry = S.start().Entry;
    if (Entry.Lambda)
      return "the lambda started in '" + S.Starter->Function.Name + "'";
    return "'" + Entry.Name + "'";
  }

  std::string partyName(const Party &P, bool Another) const {
    const Spawn &S = Spawns[P.Spawn];
    if (P.StarterSide)
      return "'" + S.Starter->Function.Name + "' (which started the thread)";
    return std::string(Another ? "another" : "a") + " thread running " + entryName(S);
  }

  findings::Finding finding(const Party &Warn, const Party &Other) const {
    const std::string &Name = Warn.What->Name;
    bool SameEntry = !Warn.StarterSide && !Other.StarterSide &&
                     Spawns[Warn.Spawn].start().Entry.Id == Spawns[Other.Spawn].start().Entry.Id;
    std::string Here = partyName(Warn, false), There = partyName(Other, SameEntry);
    std::string Does = Warn.What->Write ? "written" : "read";
    std::string OtherDoes = Other.What->Write ? "writes" : "reads";
    findings::Finding F;
    F.Check = SharedStateCheck;
    F.Severity = Warn.In->AsError ? "error" : "warning";
    F.Loc = {Warn.What->At.File, Warn.What->At.Line, Warn.What->At.Column};
    Locks Readers = intersect(Warn.Held, Other.Held);
    if (!Readers.empty() && !Readers.front().Any)
      F.Message = "'" + Name + "' is " + Does + " in " + Here + " holding '" +
                  Readers.front().Name + "' only as a reader lock, which does not exclude " +
                  There + ", which " + OtherDoes + " it concurrently (data race); take '" +
                  Readers.front().Name + "' exclusively (std::unique_lock) to write";
    else
      F.Message = "'" + Name + "' is " + Does + " in " + Here + " " +
                  (Warn.Held.empty() ? "without a lock"
                                     : "holding no lock in common with the other access") +
                  ", while " + There + " " + OtherDoes +
                  " it concurrently (data race); guard every access with one mutex "
                  "(std::lock_guard) or make it std::atomic";
    auto LocationOf = [](const facts::Place &P) {
      return findings::Location{P.File, P.Line, P.Column};
    };
    if (Other.What != Warn.What)
      F.Notes.push_back({LocationOf(Other.What->At), std::string("conflicting ") +
                                                         (Other.What->Write ? "write" : "read") +
                                                         " of '" + Name + "' in " + There});
    std::vector<unsigned> Sites{Warn.Spawn};
    if (Other.Spawn != Warn.Spawn)
      Sites.push_back(Other.Spawn);
    for (unsigned S : Sites)
      F.Notes.push_back({LocationOf(Spawns[S].start().At),
                         entryName(Spawns[S]) + " starts on another thread here" +
                             (Spawns[S].start().Multiple ? ", more than once" : "")});
    F.Properties = {{"variable", Name},
                    {"access", Warn.What->Write ? "write" : "read"},
                    {"other_access", Other.What->Write ? "write" : "read"},
                    {"whole_program", true}};
    return F;
  }

  const facts::ProgramFacts &Program;
  std::vector<Spawn> Spawns;
  std::map<std::string, Reach> Reached;
};

} // namespace

std::vector<findings::Finding> crossUnitRaces(const facts::ProgramFacts &Program) {
  return RaceSearch(Program).run();
}

} // namespace asynclint::wholeprogram
