//===--- FileSystemTrace.h - what one unit's analysis read from disk ------===//
//
// The result of analysing a unit depends on its command, the configuration,
// asynclint itself, and the file system: which files exist where the
// compiler looked for a header, what the files it read contain, which
// entries the folders it listed hold (the driver lists GCC's installation
// folders). A TrackingFileSystem under the compiler records all of that; a
// cached result is valid only while every recorded answer is still the
// same. So a new header that would now shadow an old one, a changed
// .clang-tidy (read through the same file system) or a new GCC all miss.
//
//===----------------------------------------------------------------------===//
#pragma once

#include <llvm/Support/VirtualFileSystem.h>

#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>

namespace asynclint::cache {

struct FileSystemTrace {
  enum class Kind { Missing, File, Directory, Other };
  /// Absolute path -> what it was when looked at.
  std::map<std::string, Kind> Looked;
  /// Absolute path -> hash of the content read.
  std::map<std::string, std::string> Read;
  /// Absolute path -> hash of the sorted names of its entries.
  std::map<std::string, std::string> Listed;
};

nlohmann::json toJson(const FileSystemTrace &T);
/// Throws std::runtime_error (or a JSON exception) when \p J is no trace.
FileSystemTrace traceFromJson(const nlohmann::json &J);

/// Records a FileSystemTrace of everything asked of the file system under it.
class TrackingFileSystem : public llvm::vfs::ProxyFileSystem {
public:
  explicit TrackingFileSystem(llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem> Under)
      : ProxyFileSystem(std::move(Under)) {}

  llvm::ErrorOr<llvm::vfs::Status> status(const llvm::Twine &Path) override;
#if LLVM_VERSION_MAJOR >= 17
  bool exists(const llvm::Twine &Path) override;
#endif
  llvm::ErrorOr<std::unique_ptr<llvm::vfs::File>> openFileForRead(const llvm::Twine &Path) override;
  llvm::vfs::directory_iterator dir_begin(const llvm::Twine &Dir, std::error_code &EC) override;

  /// Records that \p Path (absolute) was read with content \p Content.
  void noteRead(const std::string &Path, llvm::StringRef Content);
  FileSystemTrace take();

private:
  std::string absolute(const llvm::Twine &Path) const;
  void noteStatus(const std::string &Path, const llvm::ErrorOr<llvm::vfs::Status> &Status);

  std::mutex Lock;
  FileSystemTrace Trace;
};

/// The kind of \p Path now, and hashes of what it holds now, each computed
/// once per run (many units include the same headers). Thread-safe.
class FileSystemState {
public:
  FileSystemTrace::Kind kindOf(const std::string &Path);
  std::string contentHashOf(const std::string &Path);
  std::string listingHashOf(const std::string &Path);

  /// Whether every answer recorded in \p T is still the answer.
  bool unchanged(const FileSystemTrace &T);

private:
  std::mutex Lock;
  std::map<std::string, FileSystemTrace::Kind> Kinds;
  std::map<std::string, std::string> Contents, Listings;
};

/// The hash of a folder listing, as traces record it.
std::string listingHash(std::vector<std::string> Names);

} // namespace asynclint::cache
