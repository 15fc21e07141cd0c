//===--- Catalog.cpp - parsing and merging the catalog --------------------===//
#include "Catalog.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>

namespace asynclint::catalog {
namespace {

using nlohmann::json;

/// A catalog error with the JSON path where it was found.
struct CatalogError {
  std::string Message;
};

[[noreturn]] void fail(const std::string &Where, const std::string &What) {
  throw CatalogError{Where + ": " + What};
}

std::string requireString(const json &Value, const std::string &Where) {
  if (!Value.is_string())
    fail(Where, "expected a string");
  return Value.get<std::string>();
}

std::vector<std::string> stringList(const json &Object, const char *Key, const std::string &Where) {
  std::vector<std::string> Result;
  if (!Object.contains(Key))
    return Result;
  const json &List = Object.at(Key);
  if (!List.is_array())
    fail(Where + "." + Key, "expected an array of strings");
  for (size_t I = 0; I < List.size(); ++I)
    Result.push_back(requireString(List[I], Where + "." + Key + "[" + std::to_string(I) + "]"));
  return Result;
}

void rejectUnknownKeys(const json &Object, std::initializer_list<std::string_view> Known,
                       const std::string &Where) {
  for (const auto &[Key, Value] : Object.items()) {
    (void)Value;
    if (std::find(Known.begin(), Known.end(), Key) == Known.end())
      fail(Where, "unknown key '" + Key + "'");
  }
}

FunctionEntry parseFunctionEntry(const json &Value, const std::string &Where) {
  FunctionEntry Entry;
  if (Value.is_string()) {
    Entry.Name = normalizeName(Value.get<std::string>());
  } else if (Value.is_object()) {
    rejectUnknownKeys(Value,
                      {"name", "nonblocking_if_zero_arg", "nonblocking_if_flags",
                       "unless_arg_types", "unless_arg", "min_args", "nonblocking_on_result_of"},
                      Where);
    if (!Value.contains("name"))
      fail(Where, "missing 'name'");
    Entry.Name = normalizeName(requireString(Value.at("name"), Where + ".name"));
    if (Value.contains("nonblocking_if_zero_arg")) {
      if (!Value.at("nonblocking_if_zero_arg").is_number_unsigned())
        fail(Where + ".nonblocking_if_zero_arg", "expected an argument index");
      Entry.NonblockingIfZeroArg = Value.at("nonblocking_if_zero_arg").get<int>();
    }
    if (Value.contains("nonblocking_if_flags")) {
      const json &Flags = Value.at("nonblocking_if_flags");
      std::string FlagsWhere = Where + ".nonblocking_if_flags";
      if (!Flags.is_object() || !Flags.contains("arg") || !Flags.contains("bits") ||
          !Flags.at("arg").is_number_unsigned() || !Flags.at("bits").is_number_unsigned())
        fail(FlagsWhere, "expected {\"arg\": index, \"bits\": mask}");
      Entry.NonblockingFlagArg = Flags.at("arg").get<int>();
      Entry.NonblockingFlagBits = Flags.at("bits").get<unsigned long long>();
    }
    if (Value.contains("unless_arg")) {
      const json &Unless = Value.at("unless_arg");
      std::string UnlessWhere = Where + ".unless_arg";
      if (!Unless.is_object() || !Unless.contains("index") ||
          !Unless.at("index").is_number_unsigned())
        fail(UnlessWhere, "expected {\"index\": N, \"values\": [...], \"variables\": [...]}");
      rejectUnknownKeys(Unless, {"index", "values", "variables"}, UnlessWhere);
      Entry.UnlessArgIndex = Unless.at("index").get<int>();
      if (Unless.contains("values")) {
        if (!Unless.at("values").is_array())
          fail(UnlessWhere + ".values", "expected an array of integers");
        for (const json &Number : Unless.at("values")) {
          if (!Number.is_number_integer())
            fail(UnlessWhere + ".values", "expected an array of integers");
          Entry.UnlessArgValues.push_back(Number.get<long long>());
        }
      }
      for (const std::string &Variable : stringList(Unless, "variables", UnlessWhere))
        Entry.UnlessArgVariables.push_back(normalizeName(Variable));
    }
    for (const std::string &Type : stringList(Value, "unless_arg_types", Where))
      Entry.UnlessArgTypes.push_back(normalizeName(Type));
    for (const std::string &Origin : stringList(Value, "nonblocking_on_result_of", Where))
      Entry.NonblockingOnResultOf.push_back(normalizeName(Origin));
    if (Value.contains("min_args")) {
      if (!Value.at("min_args").is_number_unsigned())
        fail(Where + ".min_args", "expected a count");
      Entry.MinArgs = Value.at("min_args").get<unsigned>();
    }
  } else {
    fail(Where, "expected a name or an object with a 'name'");
  }
  if (Entry.Name.empty())
    fail(Where, "empty name");
  return Entry;
}

std::vector<FunctionEntry> functionList(const json &Object, const char *Key,
                                        const std::string &Where) {
  std::vector<FunctionEntry> Result;
  if (!Object.contains(Key))
    return Result;
  const json &List = Object.at(Key);
  if (!List.is_array())
    fail(Where + "." + Key, "expected an array");
  for (size_t I = 0; I < List.size(); ++I)
    Result.push_back(
        parseFunctionEntry(List[I], Where + "." + Key + "[" + std::to_string(I) + "]"));
  return Result;
}

BlockingCategory parseBlockingCategory(const json &Value, const std::string &Where) {
  if (!Value.is_object())
    fail(Where, "expected an object");
  rejectUnknownKeys(Value,
                    {"category", "enabled_by_default", "what", "advice", "functions",
                     "constructors", "runtime_symbols"},
                    Where);
  BlockingCategory Category;
  if (!Value.contains("category"))
    fail(Where, "missing 'category'");
  Category.Id = requireString(Value.at("category"), Where + ".category");
  if (Value.contains("what"))
    Category.What = requireString(Value.at("what"), Where + ".what");
  if (Value.contains("enabled_by_default")) {
    if (!Value.at("enabled_by_default").is_boolean())
      fail(Where + ".enabled_by_default", "expected true or false");
    Category.EnabledByDefault = Value.at("enabled_by_default").get<bool>();
  }
  if (Value.contains("advice")) {
    const json &Advice = Value.at("advice");
    if (!Advice.is_object())
      fail(Where + ".advice", "expected an object of library: text");
    for (const auto &[Library, Text] : Advice.items())
      Category.Advice[Library] = requireString(Text, Where + ".advice." + Library);
  }
  Category.Functions = functionList(Value, "functions", Where);
  Category.Constructors = functionList(Value, "constructors", Where);
  Category.RuntimeSymbols = stringList(Value, "runtime_symbols", Where);
  return Category;
}

unsigned argumentIndex(const json &Object, const char *Key, unsigned Default,
                       const std::string &Where) {
  if (!Object.contains(Key))
    return Default;
  if (!Object.at(Key).is_number_unsigned())
    fail(Where + "." + Key, "expected an argument index");
  return Object.at(Key).get<unsigned>();
}

/// An argument index, or "object" for the object a member is called on.
int argumentOrObject(const json &Object, const char *Key, unsigned Default,
                     const std::string &Where) {
  if (Object.contains(Key) && Object.at(Key) == "object")
    return ObjectArgument;
  if (Object.contains(Key) && !Object.at(Key).is_number_unsigned())
    fail(Where + "." + Key, "expected an argument index or \"object\"");
  return static_cast<int>(argumentIndex(Object, Key, Default, Where));
}

OffLoopKnowledge parseOffLoop(const json &Value, const std::string &Where) {
  if (!Value.is_object())
    fail(Where, "expected an object");
  rejectUnknownKeys(
      Value,
      {"about", "spawn_calls", "pool_executor_types", "switch_to_pool", "executor_tag_types"},
      Where);
  OffLoopKnowledge Result;
  if (Value.contains("spawn_calls")) {
    const json &Calls = Value.at("spawn_calls");
    if (!Calls.is_array())
      fail(Where + ".spawn_calls", "expected an array");
    for (size_t I = 0; I < Calls.size(); ++I) {
      std::string CallWhere = Where + ".spawn_calls[" + std::to_string(I) + "]";
      if (!Calls[I].is_object() || !Calls[I].contains("name"))
        fail(CallWhere, "expected an object with a 'name'");
      rejectUnknownKeys(Calls[I], {"name", "executor_arg", "function_arg"}, CallWhere);
      SpawnCall Call;
      Call.Name = normalizeName(requireString(Calls[I].at("name"), CallWhere + ".name"));
      Call.ExecutorArg = argumentOrObject(Calls[I], "executor_arg", 0, CallWhere);
      Call.FunctionArg = argumentOrObject(Calls[I], "function_arg", 1, CallWhere);
      Result.SpawnCalls.push_back(std::move(Call));
    }
  }
  for (const std::string &Type : stringList(Value, "pool_executor_types", Where))
    Result.PoolExecutorTypes.push_back(normalizeName(Type));
  for (const std::string &Type : stringList(Value, "executor_tag_types", Where))
    Result.ExecutorTagTypes.push_back(normalizeName(Type));
  if (Value.contains("switch_to_pool")) {
    const json &Switches = Value.at("switch_to_pool");
    if (!Switches.is_array())
      fail(Where + ".switch_to_pool", "expected an array");
    for (size_t I = 0; I < Switches.size(); ++I) {
      std::string SwitchWhere = Where + ".switch_to_pool[" + std::to_string(I) + "]";
      OffLoopKnowledge::Switch Switch;
      if (Switches[I].is_object()) {
        rejectUnknownKeys(Switches[I], {"name", "pool_arg"}, SwitchWhere);
        if (!Switches[I].contains("name"))
          fail(SwitchWhere, "missing 'name'");
        Switch.Name = normalizeName(requireString(Switches[I].at("name"), SwitchWhere + ".name"));
        if (Switches[I].contains("pool_arg"))
          Switch.PoolArg = static_cast<int>(argumentIndex(Switches[I], "pool_arg", 0, SwitchWhere));
      } else {
        Switch.Name = normalizeName(requireString(Switches[I], SwitchWhere));
      }
      Result.SwitchToPool.push_back(std::move(Switch));
    }
  }
  return Result;
}

// --- shared state ------------------------------------------------------------

std::vector<std::string> nameList(const json &Object, const char *Key, const std::string &Where) {
  std::vector<std::string> Result;
  for (const std::string &Name : stringList(Object, Key, Where))
    Result.push_back(normalizeName(Name));
  return Result;
}

bool optionalBool(const json &Object, const char *Key, const std::string &Where) {
  if (!Object.contains(Key))
    return false;
  if (!Object.at(Key).is_boolean())
    fail(Where + "." + Key, "expected true or false");
  return Object.at(Key).get<bool>();
}

/// An object with a "name", or a bare name.
template <typename Parse>
void forEachNamedEntry(const json &Object, const char *Key, const std::string &Where,
                       Parse ParseOne) {
  if (!Object.contains(Key))
    return;
  const json &List = Object.at(Key);
  if (!List.is_array())
    fail(Where + "." + Key, "expected an array");
  for (size_t I = 0; I < List.size(); ++I) {
    std::string ItemWhere = Where + "." + Key + "[" + std::to_string(I) + "]";
    json Item = List[I].is_string() ? json{{"name", List[I]}} : List[I];
    if (!Item.is_object() || !Item.contains("name"))
      fail(ItemWhere, "expected a name or an object with a 'name'");
    std::string Name = normalizeName(requireString(Item.at("name"), ItemWhere + ".name"));
    if (Name.empty())
      fail(ItemWhere, "empty name");
    ParseOne(Item, std::move(Name), ItemWhere);
  }
}

std::vector<LockFunction> lockFunctionList(const json &Object, const char *Key,
                                           const std::string &Where) {
  std::vector<LockFunction> Result;
  forEachNamedEntry(
      Object, Key, Where, [&](const json &Item, std::string Name, const std::string &ItemWhere) {
        rejectUnknownKeys(Item, {"name", "mutex_arg", "all_args", "shared"}, ItemWhere);
        LockFunction Function;
        Function.Name = std::move(Name);
        if (Item.contains("mutex_arg"))
          Function.MutexArg = static_cast<int>(argumentIndex(Item, "mutex_arg", 0, ItemWhere));
        Function.AllArgs = optionalBool(Item, "all_args", ItemWhere);
        Function.Shared = optionalBool(Item, "shared", ItemWhere);
        Result.push_back(std::move(Function));
      });
  return Result;
}

/// Try-lock functions: one mutex argument, and the value they return when
/// they took it.
std::vector<LockFunction> tryLockFunctionList(const json &Object, const std::string &Where) {
  std::vector<LockFunction> Result;
  forEachNamedEntry(
      Object, "try_lock_functions", Where,
      [&](const json &Item, std::string Name, const std::string &ItemWhere) {
        rejectUnknownKeys(Item, {"name", "mutex_arg", "shared", "success_value"}, ItemWhere);
        LockFunction Function;
        Function.Name = std::move(Name);
        Function.MutexArg = static_cast<int>(argumentIndex(Item, "mutex_arg", 0, ItemWhere));
        Function.Shared = optionalBool(Item, "shared", ItemWhere);
        if (Item.contains("success_value")) {
          if (!Item.at("success_value").is_number_integer())
            fail(ItemWhere + ".success_value", "expected an integer");
          Function.SuccessValue = Item.at("success_value").get<long long>();
        }
        Result.push_back(std::move(Function));
      });
  return Result;
}

SharedStateKnowledge parseSharedState(const json &Value, const std::string &Where) {
  if (!Value.is_object())
    fail(Where, "expected an object");
  rejectUnknownKeys(Value,
                    {"about", "thread_starts", "thread_joins", "thread_detaches", "lock_guards",
                     "defer_lock_types", "adopt_lock_types", "try_to_lock_types", "lock_functions",
                     "unlock_functions", "try_lock_functions", "atomic_types", "synchronized_types",
                     "indexed_containers"},
                    Where);
  SharedStateKnowledge Result;
  forEachNamedEntry(Value, "thread_starts", Where,
                    [&](const json &Item, std::string Name, const std::string &ItemWhere) {
                      rejectUnknownKeys(Item,
                                        {"name", "constructor", "entry_arg", "skip_arg_types",
                                         "executor_arg", "unless_arg_values"},
                                        ItemWhere);
                      ThreadStart Start;
                      Start.Name = std::move(Name);
                      Start.Constructor = optionalBool(Item, "constructor", ItemWhere);
                      Start.EntryArg = argumentIndex(Item, "entry_arg", 0, ItemWhere);
                      Start.SkipArgTypes = nameList(Item, "skip_arg_types", ItemWhere);
                      if (Item.contains("executor_arg"))
                        Start.ExecutorArg =
                            static_cast<int>(argumentIndex(Item, "executor_arg", 0, ItemWhere));
                      Start.UnlessArgValues = nameList(Item, "unless_arg_values", ItemWhere);
                      Result.ThreadStarts.push_back(std::move(Start));
                    });
  Result.ThreadJoins = nameList(Value, "thread_joins", Where);
  Result.ThreadDetaches = nameList(Value, "thread_detaches", Where);
  forEachNamedEntry(Value, "lock_guards", Where,
                    [&](const json &Item, std::string Name, const std::string &ItemWhere) {
                      rejectUnknownKeys(Item, {"name", "shared"}, ItemWhere);
                      Result.LockGuards.push_back(
                          {std::move(Name), optionalBool(Item, "shared", ItemWhere)});
                    });
  Result.DeferLockTypes = nameList(Value, "defer_lock_types", Where);
  Result.AdoptLockTypes = nameList(Value, "adopt_lock_types", Where);
  Result.TryToLockTypes = nameList(Value, "try_to_lock_types", Where);
  Result.LockFunctions = lockFunctionList(Value, "lock_functions", Where);
  Result.UnlockFunctions = lockFunctionList(Value, "unlock_functions", Where);
  Result.TryLockFunctions = tryLockFunctionList(Value, Where);
  Result.AtomicTypes = nameList(Value, "atomic_types", Where);
  Result.SynchronizedTypes = nameList(Value, "synchronized_types", Where);
  Result.IndexedContainers = nameList(Value, "indexed_containers", Where);
  return Result;
}

std::map<std::string, std::string> adviceMap(const json &Object, const char *Key,
                                             const std::string &Where) {
  std::map<std::string, std::string> Result;
  if (!Object.contains(Key))
    return Result;
  const json &Advice = Object.at(Key);
  if (!Advice.is_object())
    fail(Where + "." + Key, "expected an object of library: text");
  for (const auto &[Library, Text] : Advice.items())
    Result[Library] = requireString(Text, Where + "." + Key + "." + Library);
  return Result;
}

SpawnKnowledge parseSpawn(const json &Value, const std::string &Where) {
  if (!Value.is_object())
    fail(Where, "expected an object");
  rejectUnknownKeys(Value,
                    {"about", "functions", "threads", "executor_types", "inline_executor_types",
                     "wait_functions", "combinators", "output_functions", "advice", "loop_advice"},
                    Where);
  SpawnKnowledge Result;
  auto Entries = [&](const char *Key, auto &&Parse) {
    if (!Value.contains(Key))
      return;
    const json &List = Value.at(Key);
    if (!List.is_array())
      fail(Where + "." + Key, "expected an array");
    for (size_t I = 0; I < List.size(); ++I) {
      std::string ItemWhere = Where + "." + Key + "[" + std::to_string(I) + "]";
      if (!List[I].is_object() || !List[I].contains("name"))
        fail(ItemWhere, "expected an object with a 'name'");
      std::string Name = normalizeName(requireString(List[I].at("name"), ItemWhere + ".name"));
      if (Name.empty())
        fail(ItemWhere, "empty name");
      Parse(List[I], std::move(Name), ItemWhere);
    }
  };
  Entries("functions", [&](const json &Item, std::string Name, const std::string &ItemWhere) {
    rejectUnknownKeys(Item,
                      {"name", "library", "min_args", "lazy", "waits_on_destruction",
                       "never_runs_if_discarded_with", "object_is_work"},
                      ItemWhere);
    SpawnFunction Function;
    Function.Name = std::move(Name);
    if (Item.contains("library"))
      Function.Library = requireString(Item.at("library"), ItemWhere + ".library");
    Function.MinArgs = argumentIndex(Item, "min_args", 0, ItemWhere);
    Function.Lazy = optionalBool(Item, "lazy", ItemWhere);
    Function.WaitsOnDestruction = optionalBool(Item, "waits_on_destruction", ItemWhere);
    Function.ObjectIsWork = optionalBool(Item, "object_is_work", ItemWhere);
    if (Item.contains("never_runs_if_discarded_with"))
      Function.NeverRunsIfDiscardedWith = normalizeName(requireString(
          Item.at("never_runs_if_discarded_with"), ItemWhere + ".never_runs_if_discarded_with"));
    Result.Functions.push_back(std::move(Function));
  });
  Entries("threads", [&](const json &Item, std::string Name, const std::string &ItemWhere) {
    rejectUnknownKeys(Item, {"name", "library", "joins_on_destruction"}, ItemWhere);
    ThreadClass Thread;
    Thread.Name = std::move(Name);
    if (Item.contains("library"))
      Thread.Library = requireString(Item.at("library"), ItemWhere + ".library");
    Thread.JoinsOnDestruction = optionalBool(Item, "joins_on_destruction", ItemWhere);
    Result.Threads.push_back(std::move(Thread));
  });
  auto Names = [&](const char *Key) {
    std::vector<std::string> List;
    for (const std::string &Name : stringList(Value, Key, Where))
      List.push_back(normalizeName(Name));
    return List;
  };
  Result.ExecutorTypes = Names("executor_types");
  Result.InlineExecutorTypes = Names("inline_executor_types");
  Result.WaitFunctions = Names("wait_functions");
  Result.Combinators = Names("combinators");
  Result.OutputFunctions = Names("output_functions");
  Result.Advice = adviceMap(Value, "advice", Where);
  Result.LoopAdvice = adviceMap(Value, "loop_advice", Where);
  return Result;
}

StaleReadKnowledge parseStaleRead(const json &Value, const std::string &Where) {
  if (!Value.is_object())
    fail(Where, "expected an object");
  // The async mutexes and their members were here before async_locks held them.
  for (const char *Moved : {"async_mutexes", "unlock_members"})
    if (Value.contains(Moved))
      fail(Where + "." + Moved,
           "async mutexes are described in async_locks.types now (one entry per type: "
           "\"lock\", \"scoped_lock\", \"unlock\" members, \"library\", \"advice\")");
  rejectUnknownKeys(Value,
                    {"about", "task_starts", "blocking_starts", "ready_awaitables",
                     "lookup_members", "member_groups", "checked_inserts", "checked_erases",
                     "assignments", "advice"},
                    Where);
  StaleReadKnowledge Result;
  Result.TaskStarts = nameList(Value, "task_starts", Where);
  Result.BlockingStarts = nameList(Value, "blocking_starts", Where);
  Result.ReadyAwaitables = nameList(Value, "ready_awaitables", Where);
  Result.LookupMembers = stringList(Value, "lookup_members", Where);
  if (Value.contains("member_groups")) {
    const json &Groups = Value.at("member_groups");
    if (!Groups.is_object())
      fail(Where + ".member_groups", "expected an object of group: [member names]");
    for (const auto &[Group, Members] : Groups.items()) {
      (void)Members;
      Result.MemberGroups[Group] = stringList(Groups, Group.c_str(), Where + ".member_groups");
    }
  }
  Result.CheckedInserts = nameList(Value, "checked_inserts", Where);
  Result.CheckedErases = nameList(Value, "checked_erases", Where);
  Result.Assignments = nameList(Value, "assignments", Where);
  Result.Advice = adviceMap(Value, "advice", Where);
  return Result;
}

std::vector<AsyncLockType> parseAsyncLocks(const json &Value, const std::string &Where) {
  if (!Value.is_object())
    fail(Where, "expected an object");
  rejectUnknownKeys(Value, {"about", "types"}, Where);
  std::vector<AsyncLockType> Result;
  forEachNamedEntry(
      Value, "types", Where, [&](const json &Item, std::string Name, const std::string &ItemWhere) {
        rejectUnknownKeys(Item,
                          {"name", "library", "lock", "scoped_lock", "try_lock", "unlock",
                           "lock_shared", "scoped_lock_shared", "unlock_shared", "advice"},
                          ItemWhere);
        AsyncLockType Lock;
        Lock.Name = std::move(Name);
        if (Item.contains("library"))
          Lock.Library = requireString(Item.at("library"), ItemWhere + ".library");
        Lock.Lock = stringList(Item, "lock", ItemWhere);
        Lock.ScopedLock = stringList(Item, "scoped_lock", ItemWhere);
        Lock.TryLock = stringList(Item, "try_lock", ItemWhere);
        Lock.Unlock = stringList(Item, "unlock", ItemWhere);
        Lock.LockShared = stringList(Item, "lock_shared", ItemWhere);
        Lock.ScopedLockShared = stringList(Item, "scoped_lock_shared", ItemWhere);
        Lock.UnlockShared = stringList(Item, "unlock_shared", ItemWhere);
        if (Item.contains("advice"))
          Lock.Advice = requireString(Item.at("advice"), ItemWhere + ".advice");
        if (Lock.Lock.empty() && Lock.ScopedLock.empty())
          fail(ItemWhere, "a lock type needs a 'lock' or 'scoped_lock' member");
        Result.push_back(std::move(Lock));
      });
  return Result;
}

Catalog parseCatalog(const json &Root) {
  if (!Root.is_object())
    fail("catalog", "expected a JSON object");
  // A misspelled section would otherwise drop the user's additions silently.
  rejectUnknownKeys(Root,
                    {"$schema", "format", "about", "equivalent_namespaces", "coroutine_libraries",
                     "spawn", "off_loop", "shared_state", "blocking", "stale_read", "async_locks"},
                    "catalog");
  Catalog Result;
  if (Root.contains("format") && Root.at("format") != 1)
    fail("catalog.format", "unsupported format (this asynclint reads format 1)");
  if (Root.contains("equivalent_namespaces")) {
    const json &Groups = Root.at("equivalent_namespaces");
    if (!Groups.is_array())
      fail("catalog.equivalent_namespaces", "expected an array of arrays");
    for (size_t I = 0; I < Groups.size(); ++I) {
      std::string Where = "catalog.equivalent_namespaces[" + std::to_string(I) + "]";
      if (!Groups[I].is_array())
        fail(Where, "expected an array of namespace names");
      std::vector<std::string> Group;
      for (const json &Name : Groups[I])
        Group.push_back(normalizeName(requireString(Name, Where)));
      Result.EquivalentNamespaces.push_back(std::move(Group));
    }
  }
  if (Root.contains("coroutine_libraries")) {
    const json &Libraries = Root.at("coroutine_libraries");
    if (!Libraries.is_array())
      fail("catalog.coroutine_libraries", "expected an array");
    for (size_t I = 0; I < Libraries.size(); ++I) {
      std::string Where = "catalog.coroutine_libraries[" + std::to_string(I) + "]";
      if (!Libraries[I].is_object() || !Libraries[I].contains("library"))
        fail(Where, "expected an object with a 'library'");
      rejectUnknownKeys(Libraries[I], {"library", "namespaces", "return_types"}, Where);
      CoroutineLibrary Library;
      Library.Library = requireString(Libraries[I].at("library"), Where + ".library");
      Library.Namespaces = nameList(Libraries[I], "namespaces", Where);
      Library.ReturnTypes = nameList(Libraries[I], "return_types", Where);
      Result.CoroutineLibraries.push_back(std::move(Library));
    }
  }
  if (Root.contains("off_loop"))
    Result.OffLoop = parseOffLoop(Root.at("off_loop"), "catalog.off_loop");
  if (Root.contains("shared_state"))
    Result.SharedState = parseSharedState(Root.at("shared_state"), "catalog.shared_state");
  if (Root.contains("spawn"))
    Result.Spawn = parseSpawn(Root.at("spawn"), "catalog.spawn");
  if (Root.contains("stale_read"))
    Result.StaleRead = parseStaleRead(Root.at("stale_read"), "catalog.stale_read");
  if (Root.contains("async_locks"))
    Result.AsyncLocks = parseAsyncLocks(Root.at("async_locks"), "catalog.async_locks");
  if (Root.contains("blocking")) {
    const json &Categories = Root.at("blocking");
    if (!Categories.is_array())
      fail("catalog.blocking", "expected an array of categories");
    for (size_t I = 0; I < Categories.size(); ++I)
      Result.Blocking.push_back(
          parseBlockingCategory(Categories[I], "catalog.blocking[" + std::to_string(I) + "]"));
  }
  return Result;
}

template <typename T> void appendAll(std::vector<T> &To, const std::vector<T> &From) {
  To.insert(To.end(), From.begin(), From.end());
}

} // namespace

const std::string &BlockingCategory::adviceFor(std::string_view Library) const {
  return SpawnKnowledge::adviceFor(Advice, Library);
}

const std::string &SpawnKnowledge::adviceFor(const std::map<std::string, std::string> &Map,
                                             std::string_view Library) {
  static const std::string None;
  if (auto It = Map.find(std::string(Library)); It != Map.end())
    return It->second;
  if (auto It = Map.find("default"); It != Map.end())
    return It->second;
  return None;
}

namespace {
bool listed(const std::vector<std::string> &List, std::string_view Member) {
  return std::find(List.begin(), List.end(), Member) != List.end();
}
} // namespace

bool AsyncLockType::takesWith(std::string_view Member) const {
  return listed(Lock, Member) || listed(ScopedLock, Member) || listed(LockShared, Member) ||
         listed(ScopedLockShared, Member);
}

bool AsyncLockType::releasesWith(std::string_view Member) const {
  return listed(Unlock, Member) || listed(UnlockShared, Member);
}

std::string AsyncLockType::advice() const {
  if (!Advice.empty())
    return Advice;
  bool Vowel = !Name.empty() && std::string_view("aeiouAEIOU").find(Name[0]) != std::string::npos;
  std::string Text = std::string("hold ") + (Vowel ? "an " : "a ") + Name +
                     " across the read, the co_await and the write";
  if (!ScopedLock.empty())
    return Text + " (auto lock = co_await mutex." + ScopedLock.front() + "();)";
  if (!Lock.empty() && !Unlock.empty())
    return Text + " (co_await mutex." + Lock.front() + "(); ... mutex." + Unlock.front() + "();)";
  return Text;
}

std::string normalizeName(std::string_view Name) {
  while (!Name.empty() && (Name.front() == ' ' || Name.front() == '\t' || Name.front() == '\n'))
    Name.remove_prefix(1);
  while (!Name.empty() && (Name.back() == ' ' || Name.back() == '\t' || Name.back() == '\n'))
    Name.remove_suffix(1);
  if (Name.substr(0, 2) == "::")
    Name.remove_prefix(2);
  return std::string(Name);
}

std::vector<std::string> splitList(std::string_view List, std::string_view Separators) {
  std::vector<std::string> Result;
  size_t Start = 0;
  while (Start <= List.size()) {
    size_t End = List.find_first_of(Separators, Start);
    if (End == std::string_view::npos)
      End = List.size();
    std::string Item = normalizeName(List.substr(Start, End - Start));
    if (!Item.empty())
      Result.push_back(std::move(Item));
    Start = End + 1;
  }
  return Result;
}

const Catalog &Catalog::builtin() {
  static const Catalog Builtin = [] {
    std::string Error;
    std::optional<Catalog> Parsed = fromJson(builtinText(), Error);
    if (!Parsed) {
      // The embedded catalog is validated by the unit tests; reaching this
      // means a broken build, and running on without knowledge would be silent.
      std::fprintf(stderr, "asynclint: built-in catalog is invalid: %s\n", Error.c_str());
      std::abort();
    }
    return std::move(*Parsed);
  }();
  return Builtin;
}

std::optional<Catalog> Catalog::fromJson(std::string_view Text, std::string &Error) {
  json Root = json::parse(Text, nullptr, /*allow_exceptions=*/false, /*ignore_comments=*/true);
  if (Root.is_discarded()) {
    Error = "not valid JSON";
    return std::nullopt;
  }
  try {
    return parseCatalog(Root);
  } catch (const CatalogError &E) {
    Error = E.Message;
  } catch (const json::exception &E) {
    Error = E.what();
  }
  return std::nullopt;
}

std::optional<Catalog> Catalog::fromFile(const std::string &Path, std::string &Error) {
  std::ifstream In(Path);
  if (!In) {
    Error = "cannot read catalog file '" + Path + "'";
    return std::nullopt;
  }
  std::stringstream Text;
  Text << In.rdbuf();
  std::optional<Catalog> Parsed = fromJson(Text.str(), Error);
  if (!Parsed)
    Error = Path + ": " + Error;
  return Parsed;
}

void Catalog::merge(const Catalog &Other) {
  appendAll(EquivalentNamespaces, Other.EquivalentNamespaces);
  appendAll(CoroutineLibraries, Other.CoroutineLibraries);
  appendAll(OffLoop.SpawnCalls, Other.OffLoop.SpawnCalls);
  appendAll(OffLoop.PoolExecutorTypes, Other.OffLoop.PoolExecutorTypes);
  appendAll(OffLoop.SwitchToPool, Other.OffLoop.SwitchToPool);
  appendAll(OffLoop.ExecutorTagTypes, Other.OffLoop.ExecutorTagTypes);
  SharedStateKnowledge &Shared = SharedState;
  const SharedStateKnowledge &More = Other.SharedState;
  appendAll(Shared.ThreadStarts, More.ThreadStarts);
  appendAll(Shared.ThreadJoins, More.ThreadJoins);
  appendAll(Shared.ThreadDetaches, More.ThreadDetaches);
  appendAll(Shared.LockGuards, More.LockGuards);
  appendAll(Shared.DeferLockTypes, More.DeferLockTypes);
  appendAll(Shared.AdoptLockTypes, More.AdoptLockTypes);
  appendAll(Shared.TryToLockTypes, More.TryToLockTypes);
  appendAll(Shared.LockFunctions, More.LockFunctions);
  appendAll(Shared.UnlockFunctions, More.UnlockFunctions);
  appendAll(Shared.TryLockFunctions, More.TryLockFunctions);
  appendAll(Shared.AtomicTypes, More.AtomicTypes);
  appendAll(Shared.SynchronizedTypes, More.SynchronizedTypes);
  appendAll(Shared.IndexedContainers, More.IndexedContainers);
  appendAll(AsyncLocks, Other.AsyncLocks);
  appendAll(Spawn.Functions, Other.Spawn.Functions);
  appendAll(Spawn.Threads, Other.Spawn.Threads);
  appendAll(Spawn.ExecutorTypes, Other.Spawn.ExecutorTypes);
  appendAll(Spawn.InlineExecutorTypes, Other.Spawn.InlineExecutorTypes);
  appendAll(Spawn.WaitFunctions, Other.Spawn.WaitFunctions);
  appendAll(Spawn.Combinators, Other.Spawn.Combinators);
  appendAll(Spawn.OutputFunctions, Other.Spawn.OutputFunctions);
  for (const auto &[Library, Text] : Other.Spawn.Advice)
    Spawn.Advice[Library] = Text;
  for (const auto &[Library, Text] : Other.Spawn.LoopAdvice)
    Spawn.LoopAdvice[Library] = Text;
  StaleReadKnowledge &Stale = StaleRead;
  const StaleReadKnowledge &MoreStale = Other.StaleRead;
  appendAll(Stale.TaskStarts, MoreStale.TaskStarts);
  appendAll(Stale.BlockingStarts, MoreStale.BlockingStarts);
  appendAll(Stale.ReadyAwaitables, MoreStale.ReadyAwaitables);
  appendAll(Stale.LookupMembers, MoreStale.LookupMembers);
  for (const auto &[Group, Members] : MoreStale.MemberGroups)
    appendAll(Stale.MemberGroups[Group], Members);
  appendAll(Stale.CheckedInserts, MoreStale.CheckedInserts);
  appendAll(Stale.CheckedErases, MoreStale.CheckedErases);
  appendAll(Stale.Assignments, MoreStale.Assignments);
  for (const auto &[Library, Text] : MoreStale.Advice)
    Stale.Advice[Library] = Text;
  for (const BlockingCategory &Category : Other.Blocking) {
    auto Known = std::find_if(Blocking.begin(), Blocking.end(),
                              [&](const BlockingCategory &C) { return C.Id == Category.Id; });
    if (Known == Blocking.end()) {
      Blocking.push_back(Category);
      continue;
    }
    appendAll(Known->Functions, Category.Functions);
    appendAll(Known->Constructors, Category.Constructors);
    appendAll(Known->RuntimeSymbols, Category.RuntimeSymbols);
    for (const auto &[Library, Text] : Category.Advice)
      Known->Advice[Library] = Text;
  }
}

std::vector<std::string> Catalog::spellingsOf(std::string_view QualifiedName) const {
  std::string Name = normalizeName(QualifiedName);
  std::vector<std::string> Result{Name};
  for (const std::vector<std::string> &Group : EquivalentNamespaces) {
    for (const std::string &Namespace : Group) {
      std::string Prefix = Namespace + "::";
      if (Name.compare(0, Prefix.size(), Prefix) != 0)
        continue;
      std::string Rest = Name.substr(Prefix.size());
      for (const std::string &Other : Group)
        if (Other != Namespace)
          Result.push_back(Other + "::" + Rest);
    }
  }
  return Result;
}

const BlockingCategory *Catalog::findBlockingCategory(std::string_view Id) const {
  for (const BlockingCategory &Category : Blocking)
    if (Category.Id == Id)
      return &Category;
  return nullptr;
}

} // namespace asynclint::catalog
