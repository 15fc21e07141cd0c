//===--- Join.cpp ---------------------------------------------------------===//
#include "Join.h"

#include "EventLog.h"
#include "EventText.h"
#include "asynclint/events.h"

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>

namespace asynclint::verify {
namespace {

constexpr size_t MaxEvidence = 5;

/// The event's type; null for what EventLog::read would have rejected.
const events::TypeInfo *typeOf(const nlohmann::json &Event) {
  auto Type = Event.find("type");
  return Type != Event.end() && Type->is_string() ? events::find(Type->get<std::string>())
                                                  : nullptr;
}

bool sameFile(const std::string &A, const std::string &B) {
  namespace fs = std::filesystem;
  if (A == B)
    return true;
  fs::path PA = fs::path(A).lexically_normal(), PB = fs::path(B).lexically_normal();
  if (PA == PB)
    return true;
  if (PA.filename() != PB.filename())
    return false;
  std::error_code E1, E2;
  fs::path CA = fs::weakly_canonical(PA, E1), CB = fs::weakly_canonical(PB, E2);
  return !E1 && !E2 && CA == CB;
}

bool isSystemFile(const std::string &File) {
  return File.rfind("/usr/include/", 0) == 0 || File.rfind("/usr/lib/", 0) == 0 ||
         File.rfind("/usr/local/include/", 0) == 0 ||
         File.find("/include/c++/") != std::string::npos;
}

std::string where(const nlohmann::json &Site) {
  if (Site.is_null())
    return "an unknown location";
  return Site.value("file", "?") + ":" + std::to_string(Site.value("line", 0));
}

bool eventAt(const nlohmann::json &Event, const std::string &File, unsigned Line) {
  for (const nlohmann::json *Stack : stacksOf(Event))
    for (const nlohmann::json &Frame : *Stack)
      if (frameAt(Frame, File, Line))
        return true;
  return false;
}

bool predicts(const findings::Finding &F, const events::TypeInfo &Confirming,
              const nlohmann::json &Event) {
  if (typeOf(Event) != &Confirming)
    return false;
  if (Confirming.Id == events::Type::Race) {
    std::string Variable = flaggedVariable(F);
    return !Variable.empty() && Event.value("variable", "") == Variable;
  }
  return eventAt(Event, F.Loc.File, F.Loc.Line);
}

// The longest of a site's events, and how often the site was seen.
std::string describeLongest(const std::vector<const nlohmann::json *> &Hits) {
  const nlohmann::json *Longest = Hits.front();
  uint64_t Count = 0;
  for (const nlohmann::json *E : Hits) {
    if (E->value("duration_ns", uint64_t(0)) > Longest->value("duration_ns", uint64_t(0)))
      Longest = E;
    Count = std::max<uint64_t>(Count, E->value("occurrence", uint64_t(1)));
  }
  return describeEvent(*Longest) +
         (Count > 1 ? ", observed " + std::to_string(Count) + " times" : "");
}

std::string summarize(events::Type Type, const std::vector<const nlohmann::json *> &Hits) {
  const nlohmann::json &First = *Hits.front();
  switch (Type) {
  case events::Type::Blocking:
    return describeLongest(Hits);
  case events::Type::SerializedSpawn: {
    if (!First.contains("task"))
      return "the spawned work ran " + milliseconds(First.value("duration_ns", uint64_t(0))) +
             " while nothing else ran; its creator only waited (" +
             milliseconds(First.value("creator_cpu_ns", uint64_t(0))) + " of CPU)";
    return describeLongest(Hits);
  }
  case events::Type::Race: {
    const nlohmann::json &Accesses = First["accesses"];
    std::string A = where(programSite({{"stack", Accesses[0]["stack"]}}));
    std::string B = where(programSite({{"stack", Accesses[1]["stack"]}}));
    return "written by threads " + std::to_string(Accesses[0].value("tid", 0)) + " (" + A +
           ") and " + std::to_string(Accesses[1].value("tid", 0)) + " (" + B +
           ") with no common lock held";
  }
  case events::Type::Start:
  case events::Type::WatchStopped:
    break;
  }
  return describeEvent(First);
}

std::string notObservedSummary(events::Type Type) {
  switch (Type) {
  case events::Type::Blocking:
    return "the run made no catalogued blocking call here in a coroutine or on an event loop";
  case events::Type::SerializedSpawn:
    return "no spawn here ran alone while its creator waited";
  case events::Type::Race:
    return "watched: no two threads wrote the variable without a common lock or an ordering "
           "in this run";
  case events::Type::Start:
  case events::Type::WatchStopped:
    break;
  }
  return "not observed";
}

/// What the run's start events say of each requested variable: watched, or
/// why not.
struct WatchStatus {
  std::set<std::string> Watched;
  std::map<std::string, std::string> NotWatched;   ///< variable -> reason
  std::map<std::string, uint64_t> StoppedByBudget; ///< variable -> writes seen
  /// Coroutine spawn sites ("file:line") asked for: watched (empty) or why not.
  std::map<std::string, std::string> SpawnSites;
  std::map<std::string, uint64_t> SpawnSitesStopped; ///< site -> hits, by budget

  explicit WatchStatus(const std::vector<nlohmann::json> &Events) {
    for (const nlohmann::json &E : Events) {
      const events::TypeInfo *Type = typeOf(E);
      if (!Type)
        continue;
      if (Type->Id == events::Type::WatchStopped && E.value("reason", "") == "budget") {
        if (E.contains("site"))
          SpawnSitesStopped[E.value("site", "")] = E.value("hits", uint64_t(0));
        else
          StoppedByBudget[E.value("variable", "")] = E.value("writes", uint64_t(0));
      }
      if (Type->Id == events::Type::Start && E.contains("spawn_watch") &&
          E["spawn_watch"].is_array())
        for (const nlohmann::json &W : E["spawn_watch"])
          if (W.is_object())
            noteSpawnSite(W);
      if (Type->Id != events::Type::Start || !E.contains("watch") || !E["watch"].is_array())
        continue;
      for (const nlohmann::json &W : E["watch"]) {
        if (!W.is_object())
          continue;
        std::string Variable = W.value("variable", "");
        if (W.value("status", "") == events::Watching)
          Watched.insert(Variable);
        else
          NotWatched.emplace(Variable, W.value("reason", std::string("not watched")));
      }
    }
  }

  /// Why \p Variable was not watched, or "" when it was.
  std::string whyNot(const std::string &Variable) const {
    if (Variable.empty())
      return "the finding names no variable to watch";
    if (Watched.count(Variable))
      return "";
    if (auto It = NotWatched.find(Variable); It != NotWatched.end())
      return It->second;
    return "the run did not watch it (asynclint run --findings F.json, or --watch " + Variable +
           ")";
  }

  static bool isSiteOf(const std::string &Site, const findings::Finding &F) {
    size_t Colon = Site.rfind(':');
    return Colon != std::string::npos && Site.substr(Colon + 1) == std::to_string(F.Loc.Line) &&
           sameFile(Site.substr(0, Colon), F.Loc.File);
  }

  /// The hits after which the breakpoints of \p F's spawn stopped, or 0.
  uint64_t spawnStoppedAfter(const findings::Finding &F) const {
    for (const auto &[Site, Hits] : SpawnSitesStopped)
      if (isSiteOf(Site, F))
        return Hits;
    return 0;
  }

  /// A site's status in one process's start event. A wrapper the program
  /// runs through (env, a sandbox) writes its own, where the addresses
  /// belong to another executable: the program's own status wins, and a
  /// site watched in any process is watched.
  void noteSpawnSite(const nlohmann::json &W) {
    std::string Site = W.value("site", "");
    std::string Reason = W.value("status", "") == events::Watching
                             ? std::string()
                             : W.value("reason", std::string("not watched"));
    auto [It, New] = SpawnSites.emplace(Site, Reason);
    bool OtherProgram = It->second.rfind(events::SpawnSiteOtherProgram, 0) == 0;
    if (!New && !It->second.empty() && (Reason.empty() || OtherProgram))
      It->second = Reason;
  }

  /// Why the coroutine spawn of \p F was not watched; "" when it was, or
  /// when it is a thread's spawn (seen without breakpoints).
  std::string whyNotSpawn(const findings::Finding &F) const {
    for (const auto &[Site, Reason] : SpawnSites)
      if (isSiteOf(Site, F))
        return Reason;
    // A task awaited in a coroutine needs the breakpoints this run did not set.
    auto Kind = F.Properties.find("kind");
    if (Kind != F.Properties.end() && Kind->is_string() &&
        Kind->get<std::string>().rfind("awaited-", 0) == 0)
      return "a coroutine task: the run set no breakpoint for this spawn (asynclint run "
             "--findings F.json, or --spawn-site " +
             F.Loc.File + ":" + std::to_string(F.Loc.Line) + ":TASK)";
    return "";
  }
};

} // namespace

std::string flaggedVariable(const findings::Finding &F) {
  auto Variable = F.Properties.find("variable");
  return Variable != F.Properties.end() && Variable->is_string() ? Variable->get<std::string>()
                                                                 : "";
}

bool frameAt(const nlohmann::json &Frame, const std::string &File, unsigned Line) {
  auto at = [&](const nlohmann::json &L) {
    return L.value("line", 0u) == Line && sameFile(L.value("file", ""), File);
  };
  if (Frame.contains("inlined")) {
    for (const nlohmann::json &Level : Frame["inlined"])
      if (at(Level))
        return true;
    return false;
  }
  return at(Frame);
}

nlohmann::json programSite(const nlohmann::json &Event) {
  for (const nlohmann::json *Stack : stacksOf(Event))
    for (const nlohmann::json &Frame : *Stack) {
      std::vector<nlohmann::json> Levels;
      if (Frame.contains("inlined"))
        Levels.assign(Frame["inlined"].begin(), Frame["inlined"].end());
      else if (Frame.contains("file"))
        Levels.push_back(Frame);
      for (const nlohmann::json &L : Levels) {
        std::string File = L.value("file", "");
        if (!File.empty() && !isSystemFile(File))
          return {
              {"file", File}, {"line", L.value("line", 0)}, {"function", L.value("function", "")}};
      }
    }
  return nullptr;
}

JoinResult join(std::vector<findings::Finding> &Findings,
                const std::vector<nlohmann::json> &Events) {
  JoinResult Result;
  WatchStatus Watch(Events);
  std::set<size_t> Predicted;
  for (findings::Finding &F : Findings) {
    const events::TypeInfo *Confirming = events::confirming(F.Check);
    if (!Confirming)
      continue;
    std::vector<const nlohmann::json *> Hits;
    for (size_t I = 0; I < Events.size(); ++I)
      if (predicts(F, *Confirming, Events[I])) {
        Hits.push_back(&Events[I]);
        Predicted.insert(I);
      }
    findings::Verification V;
    std::string Variable =
        Confirming->Id == events::Type::Race ? flaggedVariable(F) : std::string();
    if (!Hits.empty()) {
      V.Status = "confirmed";
      V.Summary = summarize(Confirming->Id, Hits);
      for (size_t I = 0; I < Hits.size() && I < MaxEvidence; ++I)
        V.Evidence.push_back(*Hits[I]);
      ++Result.Confirmed;
    } else if (std::string Why = Confirming->Id == events::Type::Race ? Watch.whyNot(Variable)
                                 : Confirming->Id == events::Type::SerializedSpawn
                                     ? Watch.whyNotSpawn(F)
                                     : "";
               !Why.empty()) {
      // Not watching is not the same as watching and seeing nothing.
      V.Status = "not-watched";
      V.Summary = Why;
      ++Result.NotWatched;
    } else {
      V.Status = "not-observed";
      V.Summary = notObservedSummary(Confirming->Id);
      if (auto It = Watch.StoppedByBudget.find(Variable); It != Watch.StoppedByBudget.end())
        V.Summary += " (its watch stopped after " + std::to_string(It->second) + " writes)";
      if (uint64_t Hits =
              Confirming->Id == events::Type::SerializedSpawn ? Watch.spawnStoppedAfter(F) : 0)
        V.Summary += " (its breakpoints stopped after " + std::to_string(Hits) + " hits)";
      ++Result.NotObserved;
    }
    F.Verified = std::move(V);
  }

  // What the checks missed: one entry per kind and program site.
  std::map<std::string, size_t> BySite;
  for (size_t I = 0; I < Events.size(); ++I) {
    const nlohmann::json &E = Events[I];
    const events::TypeInfo *Type = typeOf(E);
    if (Predicted.count(I) || !Type || !Type->Observation)
      continue;
    nlohmann::json Site = programSite(E);
    std::string Key = std::string(Type->Name) + "@" +
                      (Type->Id == events::Type::Race ? E.value("variable", "") : where(Site));
    if (auto It = BySite.find(Key); It != BySite.end()) {
      nlohmann::json &Known = Result.Unpredicted[It->second];
      Known["occurrences"] = Known.value("occurrences", 1) + 1;
      continue;
    }
    nlohmann::json Entry = E;
    Entry["site"] = Site;
    Entry["occurrences"] = 1;
    BySite[Key] = Result.Unpredicted.size();
    Result.Unpredicted.push_back(std::move(Entry));
  }
  return Result;
}

} // namespace asynclint::verify
