// Benchmark client: CONNECTIONS connections to 127.0.0.1:PORT, each sending
// REQUESTS messages of 64 bytes and reading each echo before the next.
// Prints the elapsed seconds. Bounded by count, and by a 60 s deadline.
#include <asio.hpp>

#include <chrono>
#include <cstdio>
#include <cstdlib>

using asio::ip::tcp;

static asio::awaitable<void> session(tcp::endpoint server, int requests) {
  tcp::socket socket(co_await asio::this_coro::executor);
  co_await socket.async_connect(server, asio::use_awaitable);
  socket.set_option(tcp::no_delay(true));
  char out[64] = "asynclint echo benchmark", in[64];
  for (int i = 0; i < requests; ++i) {
    co_await asio::async_write(socket, asio::buffer(out), asio::use_awaitable);
    co_await asio::async_read(socket, asio::buffer(in), asio::use_awaitable);
  }
}

int main(int argc, char **argv) {
  if (argc != 4) {
    std::fprintf(stderr, "usage: echo_client PORT CONNECTIONS REQUESTS\n");
    return 2;
  }
  tcp::endpoint server(asio::ip::make_address("127.0.0.1"),
                       static_cast<unsigned short>(std::atoi(argv[1])));
  asio::io_context io(1);
  for (int c = 0; c < std::atoi(argv[2]); ++c)
    asio::co_spawn(io, session(server, std::atoi(argv[3])), [](std::exception_ptr e) {
      if (e)
        std::rethrow_exception(e);
    });
  auto start = std::chrono::steady_clock::now();
  io.run_for(std::chrono::seconds(60));
  std::printf("%.6f\n",
              std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
}
