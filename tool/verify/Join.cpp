//===--- Join.cpp ---------------------------------------------------------===//
#include "Join.h"

#include "EventLog.h"
#include "EventText.h"

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>

namespace asynclint::verify {
namespace {

constexpr const char *BlockingCheck = "async-blocking-in-coroutine";
constexpr const char *ImmediateAwaitCheck = "async-immediate-await";
constexpr const char *SharedStateCheck = "async-unguarded-shared-state";
constexpr size_t MaxEvidence = 5;

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

/// The event types that can confirm a finding of \p Check.
const char *eventTypeFor(const std::string &Check) {
  if (Check == BlockingCheck)
    return "blocking";
  if (Check == ImmediateAwaitCheck)
    return "serialized-spawn";
  if (Check == SharedStateCheck)
    return "race";
  return nullptr;
}

bool eventAt(const nlohmann::json &Event, const std::string &File, unsigned Line) {
  for (const nlohmann::json *Stack : stacksOf(Event))
    for (const nlohmann::json &Frame : *Stack)
      if (frameAt(Frame, File, Line))
        return true;
  return false;
}

bool predicts(const findings::Finding &F, const nlohmann::json &Event) {
  const char *Type = eventTypeFor(F.Check);
  if (!Type || Event.value("type", "") != Type)
    return false;
  if (F.Check == SharedStateCheck) {
    std::string Variable = flaggedVariable(F.Message);
    return !Variable.empty() && Event.value("variable", "") == Variable;
  }
  return eventAt(Event, F.Loc.File, F.Loc.Line);
}

std::string summarize(const findings::Finding &F, const std::vector<const nlohmann::json *> &Hits) {
  const nlohmann::json &First = *Hits.front();
  if (F.Check == BlockingCheck) {
    uint64_t Longest = 0, Count = 0;
    for (const nlohmann::json *E : Hits) {
      Longest = std::max<uint64_t>(Longest, E->value("duration_ns", uint64_t(0)));
      Count = std::max<uint64_t>(Count, E->value("occurrence", uint64_t(1)));
    }
    std::string Context = First.value("context", "");
    std::string Where =
        Context == "coroutine"
            ? "coroutine '" + First.value("context_function", std::string("?")) + "'"
        : Context == "event-loop" ? std::string("the event loop's thread")
                                  : std::string("a marked task");
    return "'" + First.value("symbol", std::string("?")) + "' blocked " + Where + " for " +
           milliseconds(Longest) +
           (Count > 1 ? ", observed " + std::to_string(Count) + " times" : "");
  }
  if (F.Check == ImmediateAwaitCheck)
    return "the spawned work ran " + milliseconds(First.value("duration_ns", uint64_t(0))) +
           " while nothing else ran; its creator only waited (" +
           milliseconds(First.value("creator_cpu_ns", uint64_t(0))) + " of CPU)";
  const nlohmann::json &Accesses = First["accesses"];
  std::string A = where(programSite({{"stack", Accesses[0]["stack"]}}));
  std::string B = where(programSite({{"stack", Accesses[1]["stack"]}}));
  return "written by threads " + std::to_string(Accesses[0].value("tid", 0)) + " (" + A + ") and " +
         std::to_string(Accesses[1].value("tid", 0)) + " (" + B + ") with no common lock held";
}

std::string notObservedSummary(const std::string &Check) {
  if (Check == BlockingCheck)
    return "the run made no catalogued blocking call here in a coroutine or on an event loop";
  if (Check == ImmediateAwaitCheck)
    return "no spawn here ran alone while its creator waited (or the spawn is not a thread)";
  return "no two threads wrote the variable without a common lock in this run (or it was not "
         "watched)";
}

} // namespace

std::string flaggedVariable(const std::string &Message) {
  if (Message.empty() || Message[0] != '\'')
    return "";
  size_t End = Message.find('\'', 1);
  return End == std::string::npos ? "" : Message.substr(1, End - 1);
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
  std::set<size_t> Predicted;
  for (findings::Finding &F : Findings) {
    if (!eventTypeFor(F.Check))
      continue;
    std::vector<const nlohmann::json *> Hits;
    for (size_t I = 0; I < Events.size(); ++I)
      if (predicts(F, Events[I])) {
        Hits.push_back(&Events[I]);
        Predicted.insert(I);
      }
    findings::Verification V;
    if (Hits.empty()) {
      V.Status = "not-observed";
      V.Summary = notObservedSummary(F.Check);
      ++Result.NotObserved;
    } else {
      V.Status = "confirmed";
      V.Summary = summarize(F, Hits);
      for (size_t I = 0; I < Hits.size() && I < MaxEvidence; ++I)
        V.Evidence.push_back(*Hits[I]);
      ++Result.Confirmed;
    }
    F.Verified = std::move(V);
  }

  // What the checks missed: one entry per kind and program site.
  std::map<std::string, size_t> BySite;
  for (size_t I = 0; I < Events.size(); ++I) {
    const nlohmann::json &E = Events[I];
    std::string Type = E.value("type", "");
    if (Predicted.count(I) || (Type != "blocking" && Type != "serialized-spawn" && Type != "race"))
      continue;
    nlohmann::json Site = programSite(E);
    std::string Key = Type + "@" + (Type == "race" ? E.value("variable", "") : where(Site));
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
