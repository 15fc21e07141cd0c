// A profile service in the shape of a real Asio server: the store (this
// header, profile_store.cpp) does synchronous file I/O and retries with a
// sleep; the handlers (handlers.cpp) are coroutines on the io_context that
// call it. Each unit alone looks innocent; the whole program does not.
#pragma once

#include <string>

namespace profiles {

class ProfileStore {
public:
  explicit ProfileStore(std::string dir);
  /// Reads the user's profile from disk.
  std::string load(int user_id) const;
  /// A cached count; touches no disk.
  int size_hint() const;

private:
  std::string dir_;
};

/// Formats a profile; pure.
std::string render(const std::string &raw);

/// Waits before the next attempt.
void backoff(int attempt);

} // namespace profiles
