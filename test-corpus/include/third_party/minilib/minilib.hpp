// A vendored library, in the shape of a small header-only utility library
// kept under the project's third_party/ folder: code the project does not
// own. Its internals are not the user's to fix; what the user's code does
// with its objects is.
#pragma once

#include <cstddef>
#include <map>
#include <mutex>
#include <string>
#include <vector>

namespace minilib {

// Synchronises itself: every member under its own mutex.
class Registry {
public:
  void add(const std::string &name) {
    std::lock_guard<std::mutex> lock(mutex_);
    names_.push_back(name);
    ++version_;
  }
  std::size_t size() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return names_.size();
  }

private:
  mutable std::mutex mutex_;
  std::vector<std::string> names_;
  long version_ = 0;
};

// Not thread-safe, and says so: the user must lock around it. Fixed
// buckets: a racy record() loses a count, it does not corrupt a tree (the
// corpus program that races on it must not crash when it runs). Every
// record() writes the total, whichever bucket it counts.
class Histogram {
public:
  void record(int bucket) {
    ++total_;
    ++counts_[index(bucket)];
  }
  long count(int bucket) const { return counts_[index(bucket)]; }
  long total() const { return total_; }

private:
  static constexpr int Buckets = 16;
  static int index(int bucket) { return ((bucket % Buckets) + Buckets) % Buckets; }
  long total_ = 0; // first: a watchpoint on the object sees every record()
  long counts_[Buckets] = {};
};

// Racy inside: a counter of its own with no lock. The library's bug, in
// the library's file.
inline long &calls() {
  static long count = 0;
  return count;
}
inline void note_call() { ++calls(); }

// A lock-consistency slip inside the library: not the user's to fix.
class Cache {
public:
  void put(int key, int value) {
    std::lock_guard<std::mutex> lock(mutex_);
    entries_[key] = value;
  }
  std::size_t size() const { return entries_.size(); }

private:
  mutable std::mutex mutex_;
  std::map<int, int> entries_;
};

} // namespace minilib
