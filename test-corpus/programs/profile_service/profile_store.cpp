// The store: what the handlers in handlers.cpp call. Nothing here runs in a
// coroutine, so nothing here is wrong by itself.
#include "profile_store.h"

#include <chrono>
#include <fstream>
#include <iterator>
#include <thread>

namespace profiles {

namespace {

std::string read_whole_file(const std::string &path) {
  std::ifstream in(path); // expect-note: {{'profiles::(anonymous namespace)::read_whole_file' calls 'std::basic_ifstream', which does blocking I/O}}
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

} // namespace

ProfileStore::ProfileStore(std::string dir) : dir_(std::move(dir)) {}

std::string ProfileStore::load(int user_id) const {
  return read_whole_file(dir_ + "/" + std::to_string(user_id) + ".json"); // expect-note: {{'profiles::ProfileStore::load' calls 'profiles::(anonymous namespace)::read_whole_file' here}}
}

int ProfileStore::size_hint() const { return 128; }

std::string render(const std::string &raw) { return "<profile>" + raw + "</profile>"; }

static std::chrono::milliseconds delay_for(int attempt) {
  return std::chrono::milliseconds(10 << attempt);
}

void backoff(int attempt) {
  std::this_thread::sleep_for(delay_for(attempt)); // expect-note: {{'profiles::backoff' calls 'std::this_thread::sleep_for', which puts the thread to sleep}}
}

} // namespace profiles
