// CHECKS: async-stale-read-across-await
// NO-RUN
// Members and captured variables: shared only when more than one running
// coroutine reaches the same object (the same object spawned twice, a
// coroutine spawned in a loop on one object, two coroutines on one object);
// one object per spawn is nobody else's.
#include <asio.hpp>
#include <asio/experimental/awaitable_operators.hpp>

#include <chrono>
#include <deque>
#include <memory>
#include <string>

using asio::awaitable;
using asio::use_awaitable;
using namespace asio::experimental::awaitable_operators;

awaitable<void> round_trip() {
  asio::steady_timer timer(co_await asio::this_coro::executor, std::chrono::milliseconds(1));
  co_await timer.async_wait(use_awaitable);
}

// The same object spawned twice.
struct account {
  long balance = 100;
  awaitable<void> withdraw(long amount) {
    long cur = balance; // expect-note: {{'account::balance' is read here, before the co_await}}
    co_await round_trip(); // expect-note: {{'account::withdraw' suspends here}}
    balance = cur - amount; // expect: async-stale-read-across-await {{'account::balance' is written from a value read before a co_await}}
  }
  awaitable<void> deposit(long amount) {
    co_await round_trip();
    balance += amount; // ok: async-stale-read-across-await
  }
};

// Two different coroutines on one object.
struct wallet {
  long coins = 0;
  awaitable<void> spend(long n) {
    long c = coins;
    co_await round_trip();
    coins = c - n; // expect: async-stale-read-across-await {{'wallet::coins' is written from a value read before a co_await}}
  }
  awaitable<void> refill() {
    co_await round_trip();
    coins = 100; // expect-note: {{'wallet::coins' is also written here, by 'wallet::refill'}}
  }
};

// One object per coroutine: each session counts its own messages.
struct tally {
  long count = 0;
  awaitable<void> add(long n) {
    long c = count;
    co_await round_trip();
    count = c + n; // ok: async-stale-read-across-await
  }
};
awaitable<void> connection() {
  tally mine;
  co_await mine.add(1);
  co_await mine.add(2);
}
awaitable<void> connection_on(std::shared_ptr<tally> own) { co_await own->add(1); }

// A coroutine spawned in a loop on one object through `this`.
struct server {
  long accepted = 0;
  void start(asio::io_context &io) {
    for (int i = 0; i < 4; ++i)
      asio::co_spawn( // expect-note: {{the lambda is started here in a loop, so several instances of it write 'server::accepted' at the same time}}
          io,
          [this]() -> awaitable<void> {
            long a = accepted;
            co_await round_trip();
            accepted = a + 1; // expect: async-stale-read-across-await
          },
          asio::detached);
  }
};

// A shared_ptr to one state, spawned in a loop; one state per spawn.
struct stats {
  long hits = 0;
};
awaitable<void> hit(std::shared_ptr<stats> s) {
  long h = s->hits;
  co_await round_trip();
  s->hits = h + 1; // expect: async-stale-read-across-await {{'s.hits' is written from a value read before a co_await}}
}
awaitable<void> hit_own(std::shared_ptr<stats> s) {
  long h = s->hits;
  co_await round_trip();
  s->hits = h + 1; // ok: async-stale-read-across-await
}

// A reference to one total, and references to one slot each.
awaitable<void> add_to(long &total) {
  long t = total;
  co_await round_trip();
  total = t + 1; // expect: async-stale-read-across-await {{'total' is written from a value read before a co_await}}
}
awaitable<void> add_to_own(long &slot) {
  long t = slot;
  co_await round_trip();
  slot = t + 1; // ok: async-stale-read-across-await
}

// Captured by reference by lambdas spawned in a loop; one variable each.
void lambdas(asio::io_context &io) {
  long shared_count = 0;
  for (int i = 0; i < 3; ++i)
    asio::co_spawn(
        io,
        [&shared_count]() -> awaitable<void> {
          long seen = shared_count;
          co_await round_trip();
          shared_count = seen + 1; // expect: async-stale-read-across-await
        },
        asio::detached);
  for (int i = 0; i < 3; ++i) {
    auto own_count = std::make_shared<long>(0);
    asio::co_spawn(
        io,
        [own_count]() -> awaitable<void> {
          long seen = *own_count;
          co_await round_trip();
          *own_count = seen + 1; // ok: async-stale-read-across-await
        },
        asio::detached);
  }
}

// Asio's awaitable operators run both coroutines at once.
struct gauge {
  long level = 0;
  awaitable<void> raise() {
    long l = level;
    co_await round_trip();
    level = l + 1; // expect: async-stale-read-across-await
  }
  awaitable<void> raise_twice() { co_await (raise() && raise()); }
  awaitable<void> raise_once() { co_await raise(); }
};

// Asio's chat server (cpp20/coroutines/chat_server.cpp), one session per
// connection: the writer checks its queue, suspends in async_write and pops
// what it wrote; the reader of the same session only appends (deliver), which
// cannot make a non-empty queue empty.
class chat_session : public std::enable_shared_from_this<chat_session> {
public:
  explicit chat_session(asio::ip::tcp::socket socket)
      : socket_(std::move(socket)), timer_(socket_.get_executor()) {
    timer_.expires_at(std::chrono::steady_clock::time_point::max());
  }

  void start() {
    asio::co_spawn(
        socket_.get_executor(), [self = shared_from_this()] { return self->reader(); },
        asio::detached);
    asio::co_spawn(
        socket_.get_executor(), [self = shared_from_this()] { return self->writer(); },
        asio::detached);
  }

  // The same writer started twice pops the message the other one checked.
  void start_two_writers() {
    asio::co_spawn(
        socket_.get_executor(), [self = shared_from_this()] { return self->writer(); },
        asio::detached);
    asio::co_spawn( // expect-note: {{the lambda is started here as well; the two run concurrently}}
        socket_.get_executor(), [self = shared_from_this()] { return self->writer(); },
        asio::detached);
  }

  void deliver(const std::string &msg) {
    write_msgs_.push_back(msg);
    timer_.cancel_one();
  }

private:
  awaitable<void> reader() {
    for (std::string read_msg;;) {
      std::size_t n = co_await asio::async_read_until(
          socket_, asio::dynamic_buffer(read_msg, 1024), "\n", use_awaitable);
      deliver(read_msg.substr(0, n));
      read_msg.erase(0, n);
    }
  }

  awaitable<void> writer() {
    while (socket_.is_open()) {
      if (write_msgs_.empty()) { // expect-note: {{'chat_session::write_msgs_' is checked here, before the co_await}}
        asio::error_code ec;
        co_await timer_.async_wait(asio::redirect_error(use_awaitable, ec));
      } else {
        co_await asio::async_write(socket_, asio::buffer(write_msgs_.front()), use_awaitable);
        write_msgs_.pop_front(); // expect: async-stale-read-across-await {{'chat_session::write_msgs_' is changed on the strength of a check made before a co_await}}
      }
    }
  }

  asio::ip::tcp::socket socket_;
  asio::steady_timer timer_;
  std::deque<std::string> write_msgs_;
};

awaitable<void> listener(asio::ip::tcp::acceptor acceptor) {
  for (;;) {
    std::make_shared<chat_session>(co_await acceptor.async_accept(use_awaitable))->start();
    std::make_shared<chat_session>(co_await acceptor.async_accept(use_awaitable))
        ->start_two_writers();
  }
}

int main() {
  asio::io_context io;
  account shared_account;
  asio::co_spawn(io, shared_account.withdraw(10), asio::detached);
  asio::co_spawn(io, shared_account.withdraw(20), asio::detached); // expect-note: {{'account::withdraw' is started here as well; the two run concurrently}}
  asio::co_spawn(io, shared_account.deposit(5), asio::detached);

  wallet w;
  asio::co_spawn(io, w.spend(5), asio::detached);
  asio::co_spawn(io, w.refill(), asio::detached); // expect-note: {{'wallet::refill' is started here, and runs concurrently with 'wallet::spend'}}

  for (int i = 0; i < 4; ++i) {
    asio::co_spawn(io, connection(), asio::detached);
    asio::co_spawn(io, connection_on(std::make_shared<tally>()), asio::detached);
  }

  server s;
  s.start(io);

  auto shared_stats = std::make_shared<stats>();
  for (int i = 0; i < 4; ++i) {
    asio::co_spawn(io, hit(shared_stats), asio::detached);
    asio::co_spawn(io, hit_own(std::make_shared<stats>()), asio::detached);
  }

  long grand_total = 0;
  long slots[4] = {};
  for (int i = 0; i < 4; ++i) {
    asio::co_spawn(io, add_to(grand_total), asio::detached);
    asio::co_spawn(io, add_to_own(slots[i]), asio::detached);
  }

  gauge g, single;
  asio::co_spawn(io, g.raise_twice(), asio::detached);
  asio::co_spawn(io, single.raise_once(), asio::detached);

  asio::co_spawn(io, listener(asio::ip::tcp::acceptor(io, {asio::ip::tcp::v4(), 0})),
                 asio::detached);
  lambdas(io);
  io.run();
}
