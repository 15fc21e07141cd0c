// Benchmark server: an Asio coroutine echo server on 127.0.0.1. It listens on
// an ephemeral port (written to the file named by argv[1]), serves exactly
// argv[2] connections, and exits when the last one closes.
#include <asio.hpp>

#include <cstdio>
#include <cstdlib>
#include <fstream>

using asio::ip::tcp;

static asio::awaitable<void> echo(tcp::socket socket, int &open, asio::io_context &io) {
  char data[1024];
  try {
    for (;;) {
      std::size_t n = co_await socket.async_read_some(asio::buffer(data), asio::use_awaitable);
      co_await asio::async_write(socket, asio::buffer(data, n), asio::use_awaitable);
    }
  } catch (const std::exception &) {
    // The client closed the connection.
  }
  if (--open == 0)
    io.stop();
}

static asio::awaitable<void> listen(tcp::acceptor &acceptor, int connections, int &open,
                                    asio::io_context &io) {
  for (int i = 0; i < connections; ++i) {
    tcp::socket socket = co_await acceptor.async_accept(asio::use_awaitable);
    socket.set_option(tcp::no_delay(true));
    ++open;
    asio::co_spawn(io, echo(std::move(socket), open, io), asio::detached);
  }
}

int main(int argc, char **argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: echo_server PORT-FILE CONNECTIONS\n");
    return 2;
  }
  asio::io_context io(1);
  tcp::acceptor acceptor(io, tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0));
  std::ofstream(argv[1]) << acceptor.local_endpoint().port() << "\n";
  int open = 0;
  asio::co_spawn(io, listen(acceptor, std::atoi(argv[2]), open, io), asio::detached);
  io.run();
}
