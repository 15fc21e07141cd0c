//===--- ElfSymbols.cpp ---------------------------------------------------===//
#include "ElfSymbols.h"

#include <algorithm>
#include <cstring>
#include <elf.h>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

namespace asynclint::rt {

ElfSymbols::~ElfSymbols() {
  if (Map)
    munmap(Map, MapSize);
}

bool ElfSymbols::load(const std::string &Path) {
  int Fd = ::open(Path.c_str(), O_RDONLY | O_CLOEXEC);
  if (Fd < 0)
    return false;
  struct stat St;
  if (fstat(Fd, &St) != 0 || St.st_size < static_cast<off_t>(sizeof(Elf64_Ehdr))) {
    ::close(Fd);
    return false;
  }
  MapSize = static_cast<size_t>(St.st_size);
  Map = mmap(nullptr, MapSize, PROT_READ, MAP_PRIVATE, Fd, 0);
  ::close(Fd);
  if (Map == MAP_FAILED) {
    Map = nullptr;
    return false;
  }
  const auto *Base = static_cast<const unsigned char *>(Map);
  const auto *Header = reinterpret_cast<const Elf64_Ehdr *>(Base);
  if (std::memcmp(Header->e_ident, ELFMAG, SELFMAG) != 0 ||
      Header->e_ident[EI_CLASS] != ELFCLASS64 || Header->e_shoff == 0 ||
      Header->e_shentsize != sizeof(Elf64_Shdr) ||
      Header->e_shoff + uint64_t(Header->e_shnum) * sizeof(Elf64_Shdr) > MapSize)
    return false;
  const auto *Sections = reinterpret_cast<const Elf64_Shdr *>(Base + Header->e_shoff);
  auto indexTable = [&](uint32_t Type) {
    for (unsigned I = 0; I < Header->e_shnum; ++I) {
      const Elf64_Shdr &Table = Sections[I];
      if (Table.sh_type != Type || Table.sh_link >= Header->e_shnum ||
          Table.sh_entsize != sizeof(Elf64_Sym) || Table.sh_offset + Table.sh_size > MapSize)
        continue;
      const Elf64_Shdr &Strings = Sections[Table.sh_link];
      if (Strings.sh_offset + Strings.sh_size > MapSize)
        continue;
      const char *Names = reinterpret_cast<const char *>(Base + Strings.sh_offset);
      const auto *Symbols = reinterpret_cast<const Elf64_Sym *>(Base + Table.sh_offset);
      size_t Count = Table.sh_size / sizeof(Elf64_Sym);
      for (size_t J = 0; J < Count; ++J) {
        const Elf64_Sym &S = Symbols[J];
        if (S.st_shndx == SHN_UNDEF || S.st_value == 0 || S.st_name >= Strings.sh_size)
          continue;
        unsigned char Kind = ELF64_ST_TYPE(S.st_info);
        ElfSymbol Entry{S.st_value, S.st_size, Names + S.st_name, 0};
        if (Kind == STT_FUNC)
          Functions.push_back(Entry);
        else if (Kind == STT_OBJECT)
          Objects.push_back(Entry);
      }
      return true;
    }
    return false;
  };
  if (!indexTable(SHT_SYMTAB))
    indexTable(SHT_DYNSYM);
  std::sort(Functions.begin(), Functions.end(),
            [](const ElfSymbol &A, const ElfSymbol &B) { return A.Value < B.Value; });
  return true;
}

ElfSymbol *ElfSymbols::function(uint64_t Address) {
  auto It = std::upper_bound(Functions.begin(), Functions.end(), Address,
                             [](uint64_t A, const ElfSymbol &S) { return A < S.Value; });
  if (It == Functions.begin())
    return nullptr;
  --It;
  // Aliases share an address; a zero size (hand-written assembly) still
  // names the code up to the next symbol.
  if (It->Size != 0 && Address >= It->Value + It->Size)
    return nullptr;
  return &*It;
}

std::optional<ElfSymbol> ElfSymbols::object(std::string_view MangledName) const {
  for (const ElfSymbol &S : Objects)
    if (MangledName == S.Name)
      return S;
  return std::nullopt;
}

namespace {
std::vector<std::string_view> components(std::string_view Name) {
  std::vector<std::string_view> Parts;
  if (Name.substr(0, 2) == "::")
    Name.remove_prefix(2);
  size_t Start = 0;
  while (Start <= Name.size()) {
    size_t End = Name.find("::", Start);
    if (End == std::string_view::npos)
      End = Name.size();
    if (End > Start)
      Parts.push_back(Name.substr(Start, End - Start));
    Start = End + 2;
  }
  return Parts;
}
} // namespace

std::string nestedNameFragment(std::string_view QualifiedName) {
  std::string Result;
  for (std::string_view Part : components(QualifiedName))
    Result += std::to_string(Part.size()) + std::string(Part);
  return Result;
}

std::string mangleQualifiedName(std::string_view QualifiedName) {
  std::vector<std::string_view> Parts = components(QualifiedName);
  if (Parts.size() == 1)
    return std::string(Parts.front());
  return "_ZN" + nestedNameFragment(QualifiedName) + "E";
}

} // namespace asynclint::rt
