// CHECKS: async-unguarded-shared-state
// No thread starts in this file: the threads that call these classes are
// started elsewhere. A class that writes a member under a lock in one method
// is meant for several threads (RacerD's lock consistency); touching that
// member without the lock in another method anyone can call is a race, a
// read as much as a write.
#include <atomic>
#include <cstddef>
#include <functional>
#include <map>
#include <mutex>
#include <shared_mutex>
#include <string>
#include <vector>

// Written under the lock in push(); read and cleared without it elsewhere.
class Queue {
public:
  Queue() {
    items_.reserve(16); // ok: async-unguarded-shared-state
    count_ = 0;         // ok: async-unguarded-shared-state
  }
  ~Queue() { items_.clear(); } // ok: async-unguarded-shared-state

  void push(int value) {
    std::lock_guard<std::mutex> lock(mutex_);
    items_.push_back(value); // expect-note: {{'Queue::items_' is written holding 'Queue::mutex_' here}}
    ++count_;
  }
  bool empty() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return items_.empty(); // ok: async-unguarded-shared-state
  }
  std::size_t size() const {
    return count_; // expect: async-unguarded-shared-state {{'Queue::count_' is read in 'Queue::size' without holding 'Queue::mutex_', which 'Queue::push' holds to write it}}
  }
  void clear() {
    items_.clear(); // expect: async-unguarded-shared-state {{'Queue::items_' is written in 'Queue::clear' without holding 'Queue::mutex_'}}
  }

private:
  mutable std::mutex mutex_;
  std::vector<int> items_;
  std::size_t count_ = 0;
};

// Private helpers whose every caller holds the lock.
class Cache {
public:
  void put(const std::string &key, int value) {
    std::lock_guard<std::mutex> lock(mutex_);
    insert(key, value);
  }
  void refresh() {
    std::unique_lock<std::mutex> lock(mutex_);
    insert("now", 0);
    evict();
  }
  int hits() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return hits_; // ok: async-unguarded-shared-state
  }

private:
  void insert(const std::string &key, int value) {
    entries_[key] = value; // ok: async-unguarded-shared-state
    ++hits_;               // ok: async-unguarded-shared-state
  }
  void evict() { entries_.clear(); } // ok: async-unguarded-shared-state

  mutable std::mutex mutex_;
  std::map<std::string, int> entries_;
  int hits_ = 0;
};

// The same helper reached once without the lock.
class Registry {
public:
  void add(const std::string &name) {
    std::lock_guard<std::mutex> lock(mutex_);
    append(name);
  }
  void add_quickly(const std::string &name) {
    append(name); // expect-note: {{'Registry::append' is called from 'Registry::add_quickly' without 'Registry::mutex_' here}}
  }

private:
  void append(const std::string &name) {
    names_.push_back(name); // expect: async-unguarded-shared-state {{'Registry::names_' is written in 'Registry::append' without holding 'Registry::mutex_', which 'Registry::add' holds to write it}}
  }

  std::mutex mutex_;
  std::vector<std::string> names_;
};

// Methods given the guard: the caller proves it holds the lock.
class Scheduler {
public:
  void post(std::function<void()> job) {
    std::unique_lock<std::mutex> lock(mutex_);
    enqueue(lock, std::move(job));
  }
  void enqueue(std::unique_lock<std::mutex> &, std::function<void()> job) {
    jobs_.push_back(std::move(job)); // ok: async-unguarded-shared-state
  }
  void drain(const std::lock_guard<std::mutex> &) {
    jobs_.clear(); // ok: async-unguarded-shared-state
  }
  // A name that says the caller holds the lock.
  void resetLocked() { jobs_.clear(); } // ok: async-unguarded-shared-state
  std::size_t pending() {
    return jobs_.size(); // expect: async-unguarded-shared-state {{'Scheduler::jobs_' is read in 'Scheduler::pending' without holding 'Scheduler::mutex_'}}
  }

private:
  std::mutex mutex_;
  std::vector<std::function<void()>> jobs_;
};

// Atomics and const members need no lock; a member never written under a
// lock is no evidence.
class Stats {
public:
  explicit Stats(int id) : id_(id) {}
  void record(long sample) {
    std::lock_guard<std::mutex> lock(mutex_);
    total_ += sample;
    ++samples_;
  }
  long samples() const { return samples_.load(); } // ok: async-unguarded-shared-state
  int id() const { return id_; }                   // ok: async-unguarded-shared-state
  void rename(const std::string &name) { name_ = name; } // ok: async-unguarded-shared-state
  const std::string &name() const { return name_; }       // ok: async-unguarded-shared-state
  long total() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return total_; // ok: async-unguarded-shared-state
  }

private:
  const int id_;
  mutable std::mutex mutex_;
  long total_ = 0;
  std::atomic<long> samples_{0};
  std::string name_;
};

// A reader/writer lock: readers under the shared lock are consistent; a
// reader with no lock at all is not.
class Directory {
public:
  void set(const std::string &key, const std::string &value) {
    std::unique_lock<std::shared_mutex> lock(mutex_);
    map_[key] = value;
  }
  std::string get(const std::string &key) const {
    std::shared_lock<std::shared_mutex> lock(mutex_);
    auto it = map_.find(key); // ok: async-unguarded-shared-state
    return it == map_.end() ? std::string() : it->second;
  }
  std::size_t count() const {
    return map_.size(); // expect: async-unguarded-shared-state {{'Directory::map_' is read in 'Directory::count' without holding 'Directory::mutex_'}}
  }

private:
  mutable std::shared_mutex mutex_;
  std::map<std::string, std::string> map_;
};

// Clang's thread-safety annotations (LevelDB's port::Mutex shape): a method
// that requires the lock, and a mutex asserted held, hold it.
#define CAPABILITY(x) __attribute__((capability(x)))
#define REQUIRES(...) __attribute__((requires_capability(__VA_ARGS__)))
#define ACQUIRE(...) __attribute__((acquire_capability(__VA_ARGS__)))
#define RELEASE(...) __attribute__((release_capability(__VA_ARGS__)))

class CAPABILITY("mutex") PortMutex {
public:
  void Lock() ACQUIRE() { mu_.lock(); }
  void Unlock() RELEASE() { mu_.unlock(); }
  void AssertHeld() {}

private:
  std::mutex mu_;
};

class Db {
public:
  void Write(int n) {
    mutex_.Lock();
    Apply(n);
    mutex_.Unlock();
  }
  void Compact() {
    mutex_.AssertHeld();
    sequence_ = 0; // ok: async-unguarded-shared-state
  }
  void Apply(int n) REQUIRES(mutex_) {
    sequence_ += n; // ok: async-unguarded-shared-state
  }
  int Sequence() {
    return sequence_; // expect: async-unguarded-shared-state {{'Db::sequence_' is read in 'Db::Sequence' without holding 'Db::mutex_'}}
  }

private:
  PortMutex mutex_;
  int sequence_ = 0;
};

// A class template, checked in its instantiation.
template <typename T> class Channel {
public:
  void send(T value) {
    std::lock_guard<std::mutex> lock(mutex_);
    buffer_.push_back(value);
  }
  bool closed() const { return closed_; } // ok: async-unguarded-shared-state
  std::size_t backlog() const {
    return buffer_.size(); // expect: async-unguarded-shared-state {{'Channel::buffer_' is read in 'Channel<int>::backlog' without holding 'Channel::mutex_'}}
  }

private:
  mutable std::mutex mutex_;
  std::vector<T> buffer_;
  bool closed_ = false;
};

int main() {
  Queue q;
  q.push(1);
  Cache c;
  c.put("a", 1);
  c.refresh();
  Registry r;
  r.add("x");
  r.add_quickly("y");
  Scheduler s;
  s.post([] {});
  Stats st(1);
  st.record(3);
  Directory d;
  d.set("a", "b");
  Db db;
  db.Write(1);
  Channel<int> ch;
  ch.send(1);
  return static_cast<int>(q.size() + c.hits() + s.pending() + st.samples() + st.total() +
                          d.count() + db.Sequence() + ch.backlog() + d.get("a").size() +
                          q.empty() + st.id() + st.name().size() + ch.closed());
}
