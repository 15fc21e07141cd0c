//===--- SourceLanguage.cpp -----------------------------------------------===//
#include "analysis/SourceLanguage.h"

#include <clang/Driver/Types.h>
#include <llvm/ADT/StringRef.h>
#include <llvm/Support/FileSystem.h>
#include <llvm/Support/Path.h>

namespace asynclint::check {

namespace types = clang::driver::types;

namespace {

/// The type named by the last `-x LANG` (or `-xLANG`, `--language=LANG`)
/// before the input; TY_INVALID when there is none.
types::ID typeFromLanguageFlag(const std::vector<std::string> &Args, llvm::StringRef File) {
  types::ID Found = types::TY_INVALID;
  for (size_t I = 1; I < Args.size(); ++I) {
    llvm::StringRef Arg = Args[I];
    if (Arg == File || llvm::sys::path::filename(Arg) == llvm::sys::path::filename(File))
      break;
    std::string Name;
    if ((Arg == "-x" || Arg == "--language") && I + 1 < Args.size())
      Name = Args[++I];
    else if (Arg.starts_with("--language="))
      Name = Arg.drop_front(11).str();
    else if (Arg.starts_with("-x") && Arg.size() > 2)
      Name = Arg.drop_front(2).str();
    else
      continue;
    Found = Name == "none" ? types::TY_INVALID : types::lookupTypeForTypeSpecifier(Name.c_str());
  }
  return Found;
}

bool hasCudaInstallation(const std::vector<std::string> &Args) {
  for (const std::string &Arg : Args)
    if (llvm::StringRef(Arg).starts_with("--cuda-path"))
      return true;
  return llvm::sys::fs::exists("/usr/local/cuda/include/cuda.h") ||
         llvm::sys::fs::exists("/usr/lib/cuda/include/cuda.h");
}

bool isCFamily(types::ID Type) {
  switch (Type) {
  case types::TY_C:
  case types::TY_PP_C:
  case types::TY_CXX:
  case types::TY_PP_CXX:
  case types::TY_ObjC:
  case types::TY_PP_ObjC:
  case types::TY_ObjCXX:
  case types::TY_PP_ObjCXX:
  case types::TY_CHeader:
  case types::TY_PP_CHeader:
  case types::TY_CXXHeader:
  case types::TY_PP_CXXHeader:
  case types::TY_ObjCHeader:
  case types::TY_ObjCXXHeader:
  case types::TY_CXXModule:
  case types::TY_PP_CXXModule:
    return true;
  default:
    return false;
  }
}

types::ID typeOf(const clang::tooling::CompileCommand &Command) {
  types::ID Type = typeFromLanguageFlag(Command.CommandLine, Command.Filename);
  llvm::StringRef Extension = llvm::sys::path::extension(Command.Filename);
  if (Type == types::TY_INVALID)
    Type = types::lookupTypeForExtension(Extension.empty() ? "" : Extension.drop_front());
  return Type;
}

} // namespace

bool isCudaSource(const clang::tooling::CompileCommand &Command) {
  return types::isCuda(typeOf(Command));
}

std::optional<std::string> reasonNotAnalysed(const clang::tooling::CompileCommand &Command) {
  types::ID Type = typeOf(Command);
  llvm::StringRef Extension = llvm::sys::path::extension(Command.Filename);
  if (isCFamily(Type))
    return std::nullopt;
  if (Type == types::TY_Asm || Type == types::TY_PP_Asm)
    return std::string("assembler");
  if (types::isCuda(Type))
    return hasCudaInstallation(Command.CommandLine)
               ? std::nullopt
               : std::optional<std::string>("CUDA, no CUDA installation");
  if (types::isHIP(Type))
    return std::string("HIP");
  if (Type == types::TY_INVALID)
    return Extension.empty() ? std::string("no C or C++ file type")
                             : "not C or C++ ('" + Extension.str() + "')";
  return std::string(types::getTypeName(Type));
}

} // namespace asynclint::check
