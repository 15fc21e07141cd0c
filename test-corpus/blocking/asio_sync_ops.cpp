// Asio's synchronous operations inside an asio::awaitable, against their
// asynchronous forms awaited with use_awaitable.
// NO-RUN
#include <asio.hpp>

using asio::ip::tcp;

asio::awaitable<void> sync_session(tcp::socket socket) {
  char data[1024];
  std::size_t n = socket.read_some(asio::buffer(data));    // expect: async-blocking-in-coroutine {{'asio::basic_stream_socket::read_some' is a synchronous Asio operation}}
  asio::write(socket, asio::buffer(data, n));               // expect: async-blocking-in-coroutine {{'asio::write'}}
  asio::read(socket, asio::buffer(data, 4));                // expect: async-blocking-in-coroutine {{'asio::read'}}
  co_return;
}

asio::awaitable<void> async_session(tcp::socket socket) {
  char data[1024];
  std::size_t n = co_await socket.async_read_some(asio::buffer(data), asio::use_awaitable); // ok: async-blocking-in-coroutine
  co_await asio::async_write(socket, asio::buffer(data, n), asio::use_awaitable);            // ok: async-blocking-in-coroutine
}

asio::awaitable<void> sync_client(asio::io_context &io) {
  tcp::resolver resolver(io);
  auto endpoints = resolver.resolve("localhost", "7");      // expect: async-blocking-in-coroutine {{'asio::ip::basic_resolver::resolve'}}
  tcp::socket socket(io);
  asio::connect(socket, endpoints);                         // expect: async-blocking-in-coroutine {{'asio::connect'}}
  asio::steady_timer timer(io, std::chrono::milliseconds(5));
  timer.wait();                                             // expect: async-blocking-in-coroutine {{'asio::basic_waitable_timer::wait'}}
  io.run();                                                 // expect: async-blocking-in-coroutine {{'asio::io_context::run'}}
  co_return;
}

asio::awaitable<void> async_client() {
  auto executor = co_await asio::this_coro::executor;
  tcp::resolver resolver(executor);
  auto endpoints = co_await resolver.async_resolve("localhost", "7", asio::use_awaitable); // ok: async-blocking-in-coroutine
  tcp::socket socket(executor);
  co_await asio::async_connect(socket, endpoints, asio::use_awaitable); // ok: async-blocking-in-coroutine
  asio::steady_timer timer(executor, std::chrono::milliseconds(5));
  co_await timer.async_wait(asio::use_awaitable);          // ok: async-blocking-in-coroutine
  socket.close();                                           // ok: async-blocking-in-coroutine
}

asio::awaitable<void> accept_loop(tcp::acceptor &acceptor) {
  tcp::socket peer = acceptor.accept();                     // expect: async-blocking-in-coroutine {{'asio::basic_socket_acceptor::accept'}}
  tcp::socket next = co_await acceptor.async_accept(asio::use_awaitable); // ok: async-blocking-in-coroutine
  co_return;
}

int main() { return 0; }
