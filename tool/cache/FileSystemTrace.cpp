//===--- FileSystemTrace.cpp ----------------------------------------------===//
#include "cache/FileSystemTrace.h"

#include "cache/ContentHash.h"

#include <llvm/Support/FileSystem.h>
#include <llvm/Support/MemoryBuffer.h>
#include <llvm/Support/Path.h>

#include <algorithm>
#include <stdexcept>

namespace asynclint::cache {

using Kind = FileSystemTrace::Kind;
namespace vfs = llvm::vfs;

namespace {

const char *kindName(Kind K) {
  switch (K) {
  case Kind::Missing:
    return "missing";
  case Kind::File:
    return "file";
  case Kind::Directory:
    return "directory";
  case Kind::Other:
    return "other";
  }
  return "other";
}

Kind kindNamed(const std::string &Name) {
  for (Kind K : {Kind::Missing, Kind::File, Kind::Directory, Kind::Other})
    if (Name == kindName(K))
      return K;
  throw std::runtime_error("unknown file kind '" + Name + "' in a trace");
}

Kind kindOfStatus(const llvm::ErrorOr<vfs::Status> &Status) {
  if (!Status)
    return Kind::Missing;
  if (Status->isDirectory())
    return Kind::Directory;
  return Status->isRegularFile() ? Kind::File : Kind::Other;
}

/// A file whose content is recorded when the compiler reads it, so the
/// trace holds what was analysed, even if the file changes meanwhile.
class TrackedFile : public vfs::File {
public:
  TrackedFile(std::unique_ptr<vfs::File> Inner, std::string Path,
              llvm::IntrusiveRefCntPtr<TrackingFileSystem> Owner)
      : Inner(std::move(Inner)), Path(std::move(Path)), Owner(std::move(Owner)) {}
  ~TrackedFile() override { Inner->close(); }

  llvm::ErrorOr<vfs::Status> status() override { return Inner->status(); }
  llvm::ErrorOr<std::string> getName() override { return Inner->getName(); }
  llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> getBuffer(const llvm::Twine &Name,
                                                               int64_t FileSize,
                                                               bool RequiresNullTerminator,
                                                               bool IsVolatile) override {
    auto Buffer = Inner->getBuffer(Name, FileSize, RequiresNullTerminator, IsVolatile);
    if (Buffer)
      Owner->noteRead(Path, (*Buffer)->getBuffer());
    return Buffer;
  }
  std::error_code close() override { return Inner->close(); }

private:
  std::unique_ptr<vfs::File> Inner;
  std::string Path;
  llvm::IntrusiveRefCntPtr<TrackingFileSystem> Owner;
};

/// Iterates over a listing taken at once.
class ListedEntries : public vfs::detail::DirIterImpl {
public:
  explicit ListedEntries(std::vector<vfs::directory_entry> Entries) : Entries(std::move(Entries)) {
    increment();
  }
  std::error_code increment() override {
    CurrentEntry = Next < Entries.size() ? Entries[Next++] : vfs::directory_entry();
    return {};
  }

private:
  std::vector<vfs::directory_entry> Entries;
  size_t Next = 0;
};

} // namespace

std::string listingHash(std::vector<std::string> Names) {
  std::sort(Names.begin(), Names.end());
  KeyHasher Hasher;
  for (const std::string &Name : Names)
    Hasher.add(Name);
  return Hasher.hex();
}

std::string TrackingFileSystem::absolute(const llvm::Twine &Path) const {
  llvm::SmallString<256> Absolute;
  Path.toVector(Absolute);
  getUnderlyingFS().makeAbsolute(Absolute);
  llvm::sys::path::remove_dots(Absolute, /*remove_dot_dot=*/false);
  return std::string(Absolute);
}

void TrackingFileSystem::noteStatus(const std::string &Path,
                                    const llvm::ErrorOr<vfs::Status> &Status) {
  std::lock_guard<std::mutex> Guard(Lock);
  Trace.Looked.try_emplace(Path, kindOfStatus(Status));
}

void TrackingFileSystem::noteRead(const std::string &Path, llvm::StringRef Content) {
  std::string Hash = contentHash(Content);
  std::lock_guard<std::mutex> Guard(Lock);
  Trace.Read.try_emplace(Path, std::move(Hash));
}

llvm::ErrorOr<vfs::Status> TrackingFileSystem::status(const llvm::Twine &Path) {
  llvm::ErrorOr<vfs::Status> Status = ProxyFileSystem::status(Path);
  noteStatus(absolute(Path), Status);
  return Status;
}

#if LLVM_VERSION_MAJOR >= 17
bool TrackingFileSystem::exists(const llvm::Twine &Path) { return status(Path).operator bool(); }
#endif

llvm::ErrorOr<std::unique_ptr<vfs::File>>
TrackingFileSystem::openFileForRead(const llvm::Twine &Path) {
  std::string Absolute = absolute(Path);
  auto Opened = ProxyFileSystem::openFileForRead(Path);
  if (!Opened) {
    noteStatus(Absolute, Opened.getError());
    return Opened;
  }
  noteStatus(Absolute, (*Opened)->status());
  return std::unique_ptr<vfs::File>(std::make_unique<TrackedFile>(
      std::move(*Opened), Absolute, llvm::IntrusiveRefCntPtr<TrackingFileSystem>(this)));
}

vfs::directory_iterator TrackingFileSystem::dir_begin(const llvm::Twine &Dir, std::error_code &EC) {
  std::string Absolute = absolute(Dir);
  std::vector<vfs::directory_entry> Entries;
  std::vector<std::string> Names;
  vfs::directory_iterator End;
  for (vfs::directory_iterator It = ProxyFileSystem::dir_begin(Dir, EC); !EC && It != End;
       It.increment(EC)) {
    Entries.push_back(*It);
    Names.push_back(llvm::sys::path::filename(It->path()).str());
  }
  {
    std::lock_guard<std::mutex> Guard(Lock);
    Trace.Listed.try_emplace(Absolute, EC ? std::string("unreadable") : listingHash(Names));
  }
  if (EC)
    return {};
  return vfs::directory_iterator(std::make_shared<ListedEntries>(std::move(Entries)));
}

FileSystemTrace TrackingFileSystem::take() {
  std::lock_guard<std::mutex> Guard(Lock);
  return std::move(Trace);
}

nlohmann::json toJson(const FileSystemTrace &T) {
  nlohmann::json Looked = nlohmann::json::object();
  for (const auto &[Path, K] : T.Looked)
    Looked[Path] = kindName(K);
  return {{"looked", std::move(Looked)}, {"read", T.Read}, {"listed", T.Listed}};
}

FileSystemTrace traceFromJson(const nlohmann::json &J) {
  FileSystemTrace T;
  for (const auto &[Path, K] : J.at("looked").items())
    T.Looked[Path] = kindNamed(K.get<std::string>());
  T.Read = J.at("read").get<std::map<std::string, std::string>>();
  T.Listed = J.at("listed").get<std::map<std::string, std::string>>();
  return T;
}

Kind FileSystemState::kindOf(const std::string &Path) {
  {
    std::lock_guard<std::mutex> Guard(Lock);
    if (auto It = Kinds.find(Path); It != Kinds.end())
      return It->second;
  }
  llvm::sys::fs::file_status Status;
  Kind K = Kind::Missing;
  if (!llvm::sys::fs::status(Path, Status))
    K = llvm::sys::fs::is_directory(Status)      ? Kind::Directory
        : llvm::sys::fs::is_regular_file(Status) ? Kind::File
                                                 : Kind::Other;
  std::lock_guard<std::mutex> Guard(Lock);
  return Kinds.try_emplace(Path, K).first->second;
}

std::string FileSystemState::contentHashOf(const std::string &Path) {
  {
    std::lock_guard<std::mutex> Guard(Lock);
    if (auto It = Contents.find(Path); It != Contents.end())
      return It->second;
  }
  auto Buffer = llvm::MemoryBuffer::getFile(Path, /*IsText=*/false,
                                            /*RequiresNullTerminator=*/false);
  std::string Hash = Buffer ? contentHash((*Buffer)->getBuffer()) : "unreadable";
  std::lock_guard<std::mutex> Guard(Lock);
  return Contents.try_emplace(Path, std::move(Hash)).first->second;
}

std::string FileSystemState::listingHashOf(const std::string &Path) {
  {
    std::lock_guard<std::mutex> Guard(Lock);
    if (auto It = Listings.find(Path); It != Listings.end())
      return It->second;
  }
  std::error_code EC;
  std::vector<std::string> Names;
  for (llvm::sys::fs::directory_iterator It(Path, EC), End; !EC && It != End; It.increment(EC))
    Names.push_back(llvm::sys::path::filename(It->path()).str());
  std::string Hash = EC ? std::string("unreadable") : listingHash(std::move(Names));
  std::lock_guard<std::mutex> Guard(Lock);
  return Listings.try_emplace(Path, std::move(Hash)).first->second;
}

bool FileSystemState::unchanged(const FileSystemTrace &T) {
  for (const auto &[Path, K] : T.Looked)
    if (kindOf(Path) != K)
      return false;
  for (const auto &[Path, Hash] : T.Read)
    if (contentHashOf(Path) != Hash)
      return false;
  for (const auto &[Path, Hash] : T.Listed)
    if (listingHashOf(Path) != Hash)
      return false;
  return true;
}

} // namespace asynclint::cache
