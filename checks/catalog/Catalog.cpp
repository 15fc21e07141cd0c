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

std::vector<std::string> stringList(const json &Object, const char *Key,
                                    const std::string &Where) {
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
    rejectUnknownKeys(Value, {"name", "nonblocking_if_zero_arg", "unless_arg_types", "min_args"},
                      Where);
    if (!Value.contains("name"))
      fail(Where, "missing 'name'");
    Entry.Name = normalizeName(requireString(Value.at("name"), Where + ".name"));
    if (Value.contains("nonblocking_if_zero_arg")) {
      if (!Value.at("nonblocking_if_zero_arg").is_number_unsigned())
        fail(Where + ".nonblocking_if_zero_arg", "expected an argument index");
      Entry.NonblockingIfZeroArg = Value.at("nonblocking_if_zero_arg").get<int>();
    }
    for (const std::string &Type : stringList(Value, "unless_arg_types", Where))
      Entry.UnlessArgTypes.push_back(normalizeName(Type));
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

Catalog parseCatalog(const json &Root) {
  if (!Root.is_object())
    fail("catalog", "expected a JSON object");
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
      CoroutineLibrary Library;
      Library.Library = requireString(Libraries[I].at("library"), Where + ".library");
      for (const std::string &Type : stringList(Libraries[I], "return_types", Where))
        Library.ReturnTypes.push_back(normalizeName(Type));
      Result.CoroutineLibraries.push_back(std::move(Library));
    }
  }
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
  static const std::string None;
  if (auto It = Advice.find(std::string(Library)); It != Advice.end())
    return It->second;
  if (auto It = Advice.find("default"); It != Advice.end())
    return It->second;
  return None;
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

std::vector<std::string> splitList(std::string_view List) {
  std::vector<std::string> Result;
  size_t Start = 0;
  while (Start <= List.size()) {
    size_t End = List.find_first_of(";,", Start);
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
