// CHECKS: async-unguarded-shared-state
// Two shapes of real client code that are not races. A pointer member
// created once under the lock (`if (!io_) io_ = ...`) and afterwards only
// dereferenced (`io_->run()`, the shape of Simple-Web-Server's client): a
// reader that could overlap the creation would dereference null. And an
// argument passed on by a forwarding reference (std::make_shared,
// emplace_back): it is read, not written. With the pointer's value read
// unguarded (double-checked locking) or the argument taken by a plain
// non-const reference, they race.
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

struct Loop {
  void run() { ++iterations; }
  long iterations = 0;
};

struct Config {
  std::size_t max_buffer = 1024;
  std::string host = "localhost";
};

struct Session {
  Session(std::size_t buffer, const std::string &host) : buffer(buffer), host(host) {}
  std::size_t buffer;
  std::string host;
};

class Client {
public:
  void request() {
    auto session = std::make_shared<Session>(config_.max_buffer, config_.host); // ok: async-unguarded-shared-state
    connect();
    loop_->run(); // ok: async-unguarded-shared-state
    std::lock_guard<std::mutex> lock(mutex_);
    sessions_.emplace_back(config_.max_buffer, config_.host); // ok: async-unguarded-shared-state
  }

private:
  void connect() {
    std::lock_guard<std::mutex> lock(mutex_);
    if (!loop_)
      loop_ = std::make_shared<Loop>(); // ok: async-unguarded-shared-state
    ++connections_;
  }

  std::mutex mutex_;
  std::shared_ptr<Loop> loop_;
  Config config_;
  std::vector<Session> sessions_;
  long connections_ = 0;
};

// Double-checked locking on a plain pointer: the first read races with the
// write.
class Registry {
public:
  static Registry *instance() {
    if (!instance_) { // expect: async-unguarded-shared-state {{'Registry::instance_' is read in a thread running 'use_registry' without holding 'Registry::mutex_', which guards its other accesses}}
      std::lock_guard<std::mutex> lock(mutex_);
      if (!instance_)
        instance_ = new Registry;
    }
    return instance_;
  }

private:
  static Registry *instance_;
  static std::mutex mutex_;
};
Registry *Registry::instance_ = nullptr;
std::mutex Registry::mutex_;

void use_registry() { (void)Registry::instance(); }

// A plain non-const reference of a library function writes what it is
// given: std::swap on a shared string.
std::string current_host = "a";
void rotate_host() {
  std::string next = "b";
  std::swap(current_host, next); // expect: async-unguarded-shared-state {{'current_host' is written in a thread running 'rotate_host' without a lock}}
}

int main() {
  Client client;
  std::thread a([&client] { client.request(); });
  std::thread b([&client] { client.request(); });
  std::thread r1(use_registry), r2(use_registry); // expect-note: {{'use_registry' starts on another thread here}}
  std::thread h1(rotate_host), h2(rotate_host);
  a.join();
  b.join();
  r1.join();
  r2.join();
  h1.join();
  h2.join();
}
