// CHECKS: async-unguarded-shared-state
// A member access races only with accesses to the same object (RacerD's
// access paths): `this->x` in two functions is one location only where both
// run on one object. Two tests each serving on their own local Server, two
// containers of one class each under its own lock, a reference a
// constructor keeps: no race. The same shapes sharing one object race. And
// a thread started on a static entry given `this` works on that object.
#include <atomic>
#include <cstdio>
#include <mutex>
#include <thread>
#include <vector>

class Server {
public:
  explicit Server(int family) : address_family_(family) {}
  void serve() {
    while (!stopping_.load()) {
      if (address_family_ == 6) // ok: async-unguarded-shared-state
        ++ipv6_requests_;       // ok: async-unguarded-shared-state
      else
        ++ipv4_requests_; // ok: async-unguarded-shared-state
      std::this_thread::yield();
    }
    done_.store(true);
  }
  void stop() {
    stopping_.store(true);
    while (!done_.load())
      std::this_thread::yield();
  }

private:
  int address_family_;
  long ipv4_requests_ = 0, ipv6_requests_ = 0;
  std::atomic<bool> stopping_{false}, done_{false};
};

// Each test serves on a server of its own.
void test_ipv4_server() {
  Server server(4);
  std::thread(&Server::serve, &server).detach();
  server.stop();
}

void test_ipv6_server() {
  Server server(6);
  std::thread(&Server::serve, &server).detach();
  server.stop();
}

// Two tests serving on one server: the same object.
class SharedServer {
public:
  void serve() {
    for (int i = 0; i < 1000; ++i)
      ++requests_; // expect: async-unguarded-shared-state {{'shared_server.requests_' is written in a thread running 'SharedServer::serve' without a lock, while another thread running 'SharedServer::serve' writes it concurrently}}
  }

private:
  long requests_ = 0;
};

SharedServer shared_server;
void test_first_client() { std::thread(&SharedServer::serve, &shared_server).detach(); } // expect-note: {{'SharedServer::serve' starts on another thread here}}
void test_second_client() { std::thread(&SharedServer::serve, &shared_server).detach(); }

// One container class, two containers, each under its own lock: the
// containers' members are different objects.
template <typename T, int N> class SmallVector {
public:
  void push_back(T value) {
    if (size_ < N) // expect-note: {{'Router::routes_' is accessed holding 'Router::routes_mutex_' here}}
      data_[size_++] = value; // expect-note: {{conflicting write of 'Router::routes_'}}
  }
  void clear() {
    size_ = 0; // expect: async-unguarded-shared-state {{'Router::routes_' is written in a thread running the lambda started in 'Router::run' without holding 'Router::routes_mutex_', which guards its other accesses}}
  }
  int size() const { return size_; }

private:
  T data_[N];
  int size_ = 0;
};

class Router {
public:
  void run() {
    std::thread a([this] { route(1); });
    std::thread b([this] { reset_metrics(); });
    std::thread c([this] { forget_routes(); }); // expect-note: {{starts on another thread here}}
    a.join();
    b.join();
    c.join();
  }

private:
  void route(int r) {
    std::lock_guard<std::mutex> lock(routes_mutex_);
    routes_.push_back(r); // ok: async-unguarded-shared-state
  }
  void reset_metrics() {
    std::lock_guard<std::mutex> lock(metrics_mutex_);
    metrics_.clear(); // ok: async-unguarded-shared-state
  }
  // The protection removed: the routes cleared with no lock.
  void forget_routes() { routes_.clear(); }

  std::mutex routes_mutex_, metrics_mutex_;
  SmallVector<int, 8> routes_, metrics_;
};

// A constructor that keeps a reference writes nothing through it; the
// updates go through an atomic.
class Counter {
public:
  void add() { hits_.fetch_add(1, std::memory_order_relaxed); }
  long hits() const { return hits_.load(); }

private:
  std::atomic<long> hits_{0};
};

class Session {
public:
  explicit Session(Counter &counter) : counter_(counter) {}
  void handle() { counter_.add(); }

private:
  Counter &counter_;
};

Counter requests;
void serve_sessions() {
  for (int i = 0; i < 100; ++i) {
    Session session(requests); // ok: async-unguarded-shared-state
    session.handle();
  }
}

// What a function does through a reference parameter is done to the
// caller's object.
struct Totals {
  long bytes = 0;
};
void account(Totals &totals, long n) {
  totals.bytes += n; // expect: async-unguarded-shared-state {{'totals.bytes' is written in a thread running 'receive' without a lock}}
}
Totals totals;
void receive() { account(totals, 512); }

// A static entry given the object: the thread works on `this`. With the
// lock, nothing races; without it, the two background threads do.
class Compactor {
public:
  void start() {
    for (int i = 0; i < 2; ++i)
      workers_.emplace_back(&Compactor::BackgroundEntry, this);
  }
  void stop() {
    for (std::thread &t : workers_)
      t.join();
  }
  void schedule(int n) {
    std::lock_guard<std::mutex> lock(mutex_);
    pending_ += n;
  }

private:
  static void BackgroundEntry(void *arg) { static_cast<Compactor *>(arg)->BackgroundCall(); }
  void BackgroundCall() {
    std::lock_guard<std::mutex> lock(mutex_);
    while (pending_ > 0) { // ok: async-unguarded-shared-state
      --pending_;          // ok: async-unguarded-shared-state
      ++compactions_;      // ok: async-unguarded-shared-state
    }
  }

  std::mutex mutex_;
  long pending_ = 0;
  long compactions_ = 0;
  std::vector<std::thread> workers_;
};

class LeakyCompactor {
public:
  void start() {
    for (int i = 0; i < 2; ++i)
      workers_.emplace_back(&LeakyCompactor::BackgroundEntry, this); // expect-note: {{'LeakyCompactor::BackgroundEntry' starts on another thread here, more than once}}
  }
  void stop() {
    for (std::thread &t : workers_)
      t.join();
  }
  void schedule(int n) {
    std::lock_guard<std::mutex> lock(mutex_);
    pending_ += n;
  }

private:
  static void BackgroundEntry(void *arg) {
    static_cast<LeakyCompactor *>(arg)->BackgroundCall();
  }
  void BackgroundCall() {
    while (pending_ > 0) {
      --pending_; // expect: async-unguarded-shared-state {{'LeakyCompactor::pending_' is written in a thread running 'LeakyCompactor::BackgroundEntry' without a lock}}
      ++compactions_; // expect: async-unguarded-shared-state {{'LeakyCompactor::compactions_' is written in a thread running 'LeakyCompactor::BackgroundEntry' without a lock}}
    }
  }

  std::mutex mutex_;
  long pending_ = 0;
  long compactions_ = 0;
  std::vector<std::thread> workers_;
};

int main() {
  test_ipv4_server();
  test_ipv6_server();
  test_first_client();
  test_second_client();
  Router router;
  router.run();
  std::thread s1(serve_sessions), s2(serve_sessions);
  std::thread r1(receive), r2(receive); // expect-note: {{'receive' starts on another thread here}}
  s1.join();
  s2.join();
  r1.join();
  r2.join();
  Compactor compactor;
  compactor.schedule(4);
  compactor.start();
  compactor.stop();
  LeakyCompactor leaky;
  leaky.schedule(4);
  leaky.start();
  leaky.stop();
  std::printf("%ld %ld\n", requests.hits(), totals.bytes); // ok: async-unguarded-shared-state
}
