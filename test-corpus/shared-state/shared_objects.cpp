// CHECKS: async-unguarded-shared-state
// Member functions called on a global object from several threads: the
// object's own locking decides, not the call.
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

// Thread-safe by design: every member access under the object's mutex.
class Registry {
public:
  void add(const std::string &name) {
    std::lock_guard<std::mutex> lock(mutex_);
    names_.push_back(name); // ok: async-unguarded-shared-state
  }
  std::size_t size() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return names_.size(); // ok: async-unguarded-shared-state
  }

private:
  mutable std::mutex mutex_;
  std::vector<std::string> names_;
};

// Not thread-safe: the same use races inside it.
class Tally {
public:
  void count(const std::string &word) {
    ++words_[word]; // expect: async-unguarded-shared-state {{'tally.words_' is written in a thread running 'worker' without a lock, while another thread running 'worker' writes it concurrently}}
  }

private:
  std::map<std::string, int> words_;
};

Registry registry;
Tally tally;

void worker() {
  registry.add("worker");       // ok: async-unguarded-shared-state
  (void)registry.size();        // ok: async-unguarded-shared-state
  tally.count("worker");        // ok: async-unguarded-shared-state
}

int main() {
  std::thread a(worker); // expect-note: {{'worker' starts on another thread here}}
  std::thread b(worker);
  a.join();
  b.join();
}
