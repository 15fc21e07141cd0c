//===--- CorpusRunTest.cpp - the corpus programs under the runtime --------===//
//
// Each runnable corpus program runs under the runtime (killed after two
// seconds, four and eight on the retries: events are on disk as they happen,
// and a loaded machine may need longer to reach the later parts). Its annotated expectations
// are the static findings (the corpus test holds the checks to exactly
// those), and this test asserts the verdict the join gives each of them,
// and how many sites the runtime observed that no finding predicted.
//
//===----------------------------------------------------------------------===//
#include "CorpusFile.h"
#include "RuntimeHarness.h"
#include "verify/Join.h"

#include <gtest/gtest.h>

#include <map>

using namespace asynclint;

namespace {

struct Built {
  const char *File;
  const char *Executable;
};
const Built Programs[] = {
#include "CorpusPrograms.inc"
};

struct Expected {
  const char *File;
  /// One letter per finding in line order: C confirmed, N not observed, W
  /// not watched.
  const char *Verdicts;
  unsigned Unpredicted;
};

// Why each N is right, and what each unpredicted site is, is written beside
// it: a finding the run cannot show, or what the run showed beyond the checks.
const Expected Table[] = {
    // std::this_thread::sleep_for(0s) returns without a system call.
    {"blocking/sleep_in_asio_coroutine.cpp", "N", 0},
    {"blocking/sleeps.cpp", "CCCCCCC", 0},
    // Every wait blocks: futures, join, condition, semaphore, latch and
    // barrier in an Asio coroutine and a minitask task (main releases them
    // one after the other).
    {"blocking/sync_waits.cpp", "CCCCCCCCC", 0},
    {"blocking/helpers.cpp", "CCCC", 0},
    // N: co_spawn onto a pool starts no thread; the runtime sees thread
    // spawns only, not coroutine tasks.
    {"blocking/off_loop.cpp", "CNCC", 0},
    {"seeds/seed002_hello.cpp", "C", 0},
    {"seeds/seed003_endpoints.cpp", "C", 0},
    {"seeds/seed004_counter.cpp", "C", 0},
    {"seeds/seed004_coroutines.cpp", "C", 0},
    // Unpredicted: moved_thread_is_not_a_start() creates a thread, moves it
    // and joins it with nothing in between, which serialises it all the same.
    {"immediate-await/thread_joined_at_once.cpp", "CCCCCC", 1},
    // N: a deferred std::async starts no thread. Unpredicted, each a spawn
    // whose creator only waited for it: logging to a buffered stdout,
    // returned_for_later().get(), Holder::start() then get(), a zero-time
    // poll, the branch that waits at once, and a future moved then waited.
    {"immediate-await/std_async_waited_at_once.cpp", "CCCCCNCCC", 6},
    {"shared-state/async_and_pthread.cpp", "CC", 0},
};

void PrintTo(const Expected &E, std::ostream *Out) { *Out << E.File; }

std::string verdictLetter(const findings::Verification &V) {
  return V.Status == "confirmed" ? "C" : V.Status == "not-watched" ? "W" : "N";
}

class CorpusRun : public ::testing::TestWithParam<Expected> {};

TEST_P(CorpusRun, EachFindingGetsTheExpectedVerdict) {
  const Expected &E = GetParam();
  const Built *Program = nullptr;
  for (const Built &B : Programs)
    if (std::string(B.File) == E.File)
      Program = &B;
  ASSERT_NE(Program, nullptr) << E.File << " is not in the corpus any more";

  corpus::CorpusFile Corpus =
      corpus::CorpusFile::parse(std::string(ASYNCLINT_CORPUS_DIR) + "/" + E.File);
  ASSERT_FALSE(Corpus.NoRun) << E.File << " is marked NO-RUN";
  std::vector<findings::Finding> Findings;
  std::vector<std::string> Watch;
  for (const corpus::ExpectedDiagnostic &D : Corpus.Warnings) {
    findings::Finding F;
    F.Check = D.Check;
    F.Message = D.Text;
    F.Loc.File = Corpus.Path.string();
    F.Loc.Line = D.Line;
    if (std::string V = verify::flaggedVariable(D.Text);
        !V.empty() && F.Check == "async-unguarded-shared-state")
      Watch.push_back(V);
    Findings.push_back(F);
  }
  std::sort(Findings.begin(), Findings.end(),
            [](const findings::Finding &A, const findings::Finding &B) {
              return A.Loc.Line < B.Loc.Line;
            });

  // Thread interleavings differ from run to run (two short threads may
  // never write at the same time; a loaded machine may run two spawns one
  // after the other): the expected verdicts must come out of one of up to
  // three runs, each given twice the time of the one before.
  // Unpredicted events: at least the expected ones. More are allowed only of
  // the serialized-spawn kind, which a loaded machine produces truthfully
  // (a thread that finished before its sibling started did run alone).
  auto UnpredictedAsExpected = [&](const verify::JoinResult &J) {
    size_t Serialized = 0;
    for (const nlohmann::json &U : J.Unpredicted)
      Serialized += U.value("type", "") == "serialized-spawn";
    return J.Unpredicted.size() >= E.Unpredicted &&
           J.Unpredicted.size() - E.Unpredicted <= Serialized;
  };
  verify::JoinResult Joined;
  for (int Attempt = 0; Attempt < 3; ++Attempt) {
    rttest::ObservedRun Run =
        rttest::runObservedFor({Program->Executable}, Watch, 2.0 * (1 << Attempt));
    if (std::string Why = rttest::watchRefusal(Run); !Why.empty())
      GTEST_SKIP() << "shared state cannot be verified here: " << Why;
    for (findings::Finding &F : Findings)
      F.Verified.reset();
    Joined = verify::join(Findings, Run.Events);
    std::string Got;
    for (const findings::Finding &F : Findings)
      Got += verdictLetter(*F.Verified);
    if (Got == E.Verdicts && UnpredictedAsExpected(Joined))
      break;
  }

  std::string Verdicts, Explained;
  for (const findings::Finding &F : Findings) {
    Verdicts += F.Verified ? verdictLetter(*F.Verified) : "-";
    Explained += "  line " + std::to_string(F.Loc.Line) + " " + F.Check + ": " +
                 (F.Verified ? F.Verified->Status + " (" + F.Verified->Summary + ")" : "-") + "\n";
  }
  for (const nlohmann::json &U : Joined.Unpredicted)
    Explained += "  unpredicted: " + U.value("type", "") + " at " + U["site"].dump() + "\n";
  EXPECT_EQ(Verdicts, E.Verdicts) << Explained;
  EXPECT_TRUE(UnpredictedAsExpected(Joined))
      << "expected " << E.Unpredicted << " unpredicted events\n"
      << Explained;
}

INSTANTIATE_TEST_SUITE_P(Corpus, CorpusRun, ::testing::ValuesIn(Table),
                         [](const ::testing::TestParamInfo<Expected> &Info) {
                           std::string Name = Info.param.File;
                           for (char &C : Name)
                             if (!std::isalnum(static_cast<unsigned char>(C)))
                               C = '_';
                           return Name;
                         });

} // namespace
