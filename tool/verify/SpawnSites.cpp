//===--- SpawnSites.cpp ---------------------------------------------------===//
#include "SpawnSites.h"

#include <llvm/DebugInfo/DWARF/DWARFContext.h>
#include <llvm/Demangle/Demangle.h>
#include <llvm/Object/ELFObjectFile.h>
#include <llvm/Object/ObjectFile.h>
#include <llvm/Support/Program.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>

namespace asynclint::verify {
namespace {

struct Function {
  uint64_t Low = 0, High = 0;
  std::string Mangled;
  std::string Demangled; ///< without a coroutine clone's suffix
  bool Resume = false;   ///< a coroutine's resume function (Clang .resume, GCC .actor)
  bool Cleanup = false;  ///< a coroutine's destroy or cleanup clone
};

bool endsWith(const std::string &S, const std::string &Suffix) {
  return S.size() >= Suffix.size() &&
         S.compare(S.size() - Suffix.size(), Suffix.size(), Suffix) == 0;
}

std::string canonical(const std::string &Path) {
  std::error_code Error;
  std::filesystem::path P = std::filesystem::weakly_canonical(Path, Error);
  return Error ? Path : P.string();
}

/// "'ns::task'" -> "ns::task".
std::string workName(std::string Work) {
  Work.erase(std::remove(Work.begin(), Work.end(), '\''), Work.end());
  if (size_t Paren = Work.find('('); Paren != std::string::npos)
    Work.resize(Paren);
  return Work;
}

/// Whether demangled \p Name is a function named \p Qualified ("ns::f"
/// matches "ns::f(int)", "awaitable<int> ns::f<int>(int)" and "x::ns::f()").
bool names(const std::string &Name, const std::string &Qualified) {
  for (size_t At = Name.find(Qualified); At != std::string::npos;
       At = Name.find(Qualified, At + 1)) {
    size_t End = At + Qualified.size();
    bool Starts = At == 0 || Name[At - 1] == ' ' || Name[At - 1] == ':';
    bool Ends = End < Name.size() && (Name[End] == '(' || Name[End] == '<');
    if (Starts && Ends)
      return true;
  }
  return false;
}

class Program {
public:
  bool load(const std::string &Path, std::string &Error) {
    auto Owning = llvm::object::ObjectFile::createObjectFile(Path);
    if (!Owning) {
      Error = "cannot read '" + Path + "': " + llvm::toString(Owning.takeError());
      return false;
    }
    Binary = std::move(*Owning);
    llvm::object::ObjectFile &Object = *Binary.getBinary();
    for (const llvm::object::SymbolRef &Symbol : Object.symbols()) {
      auto Type = Symbol.getType();
      auto Address = Symbol.getAddress();
      auto Name = Symbol.getName();
      if (!Type || !Address || !Name) {
        llvm::consumeError(Type.takeError());
        llvm::consumeError(Address.takeError());
        llvm::consumeError(Name.takeError());
        continue;
      }
      if (*Type != llvm::object::SymbolRef::ST_Function || *Address == 0)
        continue;
      Function F;
      F.Low = *Address;
      F.High = F.Low + llvm::object::ELFSymbolRef(Symbol).getSize();
      F.Mangled = Name->str();
      std::string Base = F.Mangled;
      for (const char *Suffix : {".resume", ".actor"})
        if (endsWith(Base, Suffix)) {
          F.Resume = true;
          Base.resize(Base.size() - std::string(Suffix).size());
        }
      for (const char *Suffix : {".destroy", ".cleanup"})
        F.Cleanup |= endsWith(Base, Suffix);
      F.Demangled = llvm::demangle(Base);
      Functions.push_back(std::move(F));
    }
    std::sort(Functions.begin(), Functions.end(),
              [](const Function &A, const Function &B) { return A.Low < B.Low; });
    Dwarf = llvm::DWARFContext::create(Object);
    return true;
  }

  const Function *functionAt(uint64_t Address) const {
    auto It = std::upper_bound(Functions.begin(), Functions.end(), Address,
                               [](uint64_t A, const Function &F) { return A < F.Low; });
    if (It == Functions.begin())
      return nullptr;
    --It;
    return Address < It->High ? &*It : nullptr;
  }

  /// The resume function of the coroutine named \p Qualified, or null.
  const Function *resumeOf(const std::string &Qualified) const {
    for (const Function &F : Functions)
      if (F.Resume && names(F.Demangled, Qualified))
        return &F;
    return nullptr;
  }

  /// The statement rows (address, line) of \p File, every unit's.
  std::vector<std::pair<uint64_t, unsigned>> rowsOf(const std::string &File) {
    std::string Wanted = canonical(File);
    std::vector<std::pair<uint64_t, unsigned>> Rows;
    for (const auto &Unit : Dwarf->compile_units()) {
      const llvm::DWARFDebugLine::LineTable *Table = Dwarf->getLineTableForUnit(Unit.get());
      if (!Table)
        continue;
      std::map<uint64_t, bool> Matches;
      for (const llvm::DWARFDebugLine::Row &Row : Table->Rows) {
        if (Row.EndSequence || !Row.IsStmt || Row.Line == 0)
          continue;
        auto [It, New] = Matches.emplace(Row.File, false);
        if (New) {
          std::string Name;
          if (Table->getFileNameByIndex(
                  Row.File, Unit->getCompilationDir(),
                  llvm::DILineInfoSpecifier::FileLineInfoKind::AbsoluteFilePath, Name))
            It->second = canonical(Name) == Wanted;
        }
        if (It->second)
          Rows.emplace_back(Row.Address.Address, Row.Line);
      }
    }
    return Rows;
  }

private:
  llvm::object::OwningBinary<llvm::object::ObjectFile> Binary;
  std::vector<Function> Functions;
  std::unique_ptr<llvm::DWARFContext> Dwarf;
};

/// Whether the source line \p Line of \p File awaits (true when the file
/// cannot be read: the line table decides then).
bool awaitsOnItsLine(const std::string &File, unsigned Line) {
  std::ifstream In(File);
  std::string Text;
  for (unsigned I = 0; I < Line && std::getline(In, Text); ++I)
    ;
  if (!In)
    return true;
  return Text.find("co_await") != std::string::npos;
}

std::string executableOf(const std::string &Name) {
  if (Name.find('/') != std::string::npos)
    return canonical(Name);
  if (auto Found = llvm::sys::findProgramByName(Name))
    return canonical(*Found);
  return Name;
}

/// The addresses of one request, or its reason in "reason".
void resolve(Program &P, const std::string &Executable, const SpawnRequest &R,
             const std::vector<std::pair<uint64_t, unsigned>> &Rows, nlohmann::json &Site) {
  // The statement's first instruction, in the creator's body: a coroutine's
  // resume function rather than its destroy or cleanup clones.
  const Function *Creator = nullptr;
  uint64_t Spawn = 0;
  auto Rank = [](const Function *F) { return F->Resume ? 2 : 1; };
  for (const auto &[Address, Line] : Rows) {
    const Function *F = Line == R.Line ? P.functionAt(Address) : nullptr;
    if (!F || F->Cleanup)
      continue;
    if (!Creator || Rank(F) > Rank(Creator)) {
      Creator = F;
      Spawn = Address;
    } else if (F == Creator && Address < Spawn) {
      Spawn = Address;
    }
  }
  if (!Creator) {
    Site["reason"] = "no code at " + R.File + ":" + std::to_string(R.Line) +
                     " in the line table of '" + Executable +
                     "' (built without -g, or from another version of the file)";
    return;
  }
  // The creator's next line: the first line after the statement's with code
  // in the same function, at its first instruction.
  unsigned Next = 0;
  uint64_t After = 0;
  for (const auto &[Address, Line] : Rows) {
    if (Line <= R.Line || P.functionAt(Address) != Creator)
      continue;
    if (!Next || Line < Next || (Line == Next && Address < After)) {
      Next = Line;
      After = Address;
    }
  }
  if (!Next) {
    Site["reason"] = "no line after " + std::to_string(R.Line) + " in '" + Creator->Demangled +
                     "': the end of the spawn's statement cannot be seen";
    return;
  }
  const Function *Task = P.resumeOf(workName(R.Work));
  Site["program"] = Executable;
  Site["spawn"] = Spawn;
  Site["task_entry"] = Task->Low;
  Site["after"] = After;
}

} // namespace

std::string spawnSiteName(const std::string &File, unsigned Line) {
  return File + ":" + std::to_string(Line);
}

bool parseSpawnRequest(const std::string &Text, SpawnRequest &Out) {
  size_t Second = Text.rfind(':');
  if (Second == std::string::npos || Second == 0)
    return false;
  size_t First = Text.rfind(':', Second - 1);
  if (First == std::string::npos || First == 0 || Second + 1 == Text.size())
    return false;
  std::string Line = Text.substr(First + 1, Second - First - 1);
  if (Line.empty() || Line.find_first_not_of("0123456789") != std::string::npos)
    return false;
  Out.File = Text.substr(0, First);
  Out.Line = static_cast<unsigned>(std::stoul(Line));
  Out.Work = Text.substr(Second + 1);
  Out.Explicit = true;
  return Out.Line != 0;
}

std::vector<SpawnRequest> spawnRequests(const std::vector<findings::Finding> &Findings) {
  std::vector<SpawnRequest> Requests;
  for (const findings::Finding &F : Findings) {
    if (F.Check != "async-immediate-await")
      continue;
    auto Work = F.Properties.find("work");
    if (Work == F.Properties.end() || !Work->is_string() || workName(*Work).empty())
      continue;
    Requests.push_back({F.Loc.File, F.Loc.Line, Work->get<std::string>(), false});
  }
  return Requests;
}

nlohmann::json resolveSpawnSites(const std::string &ProgramName,
                                 const std::vector<SpawnRequest> &Requests) {
  nlohmann::json Sites = nlohmann::json::array();
  if (Requests.empty())
    return Sites;
  std::string Executable = executableOf(ProgramName);
  Program P;
  std::string Error;
  bool Loaded = P.load(Executable, Error);
  std::map<std::string, std::vector<std::pair<uint64_t, unsigned>>> RowsByFile;
  for (const SpawnRequest &R : Requests) {
    nlohmann::json Site = {{"site", spawnSiteName(R.File, R.Line)}, {"task", workName(R.Work)}};
    if (!Loaded) {
      if (!R.Explicit)
        continue; // nothing tells a coroutine task from a thread's work
      Site["reason"] = Error;
    } else if (!P.resumeOf(workName(R.Work))) {
      // A thread's work: the runtime sees its spawn without breakpoints.
      if (!R.Explicit)
        continue;
      Site["reason"] = "'" + workName(R.Work) + "' is not a coroutine of '" + Executable +
                       "' (no resume function in its symbol table)";
    } else if (!R.Explicit && !awaitsOnItsLine(R.File, R.Line)) {
      // (--spawn-site names the statement to watch, whatever it awaits.)
      Site["reason"] = "the task is awaited after the spawn's line (through a handle): the "
                       "breakpoints see a task awaited in the statement that spawns it";
    } else {
      auto It = RowsByFile.find(R.File);
      if (It == RowsByFile.end())
        It = RowsByFile.emplace(R.File, P.rowsOf(R.File)).first;
      resolve(P, Executable, R, It->second, Site);
    }
    Sites.push_back(std::move(Site));
  }
  return Sites;
}

} // namespace asynclint::verify
