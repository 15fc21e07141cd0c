// CHECKS: async-blocking-in-coroutine,async-immediate-await
// RUN-ARGS: -DBOOST_ASIO_HAS_CO_AWAIT -DBOOST_ASIO_HAS_STD_COROUTINE
// NO-RUN
// Boost.Beast, the real headers of Debian 12's Boost 1.74: an awaitable HTTP
// session and a WebSocket session on boost::asio::awaitable. The synchronous
// forms block the io_context thread; the async_* forms with use_awaitable do
// not. File bodies open and read files synchronously wherever they are used.
#include <utility> // Boost 1.74's awaitable.hpp uses std::exchange without it

#include <boost/asio/awaitable.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>

#include <string>

namespace beast = boost::beast;
namespace http = beast::http;
namespace websocket = beast::websocket;
namespace net = boost::asio;
using tcp = net::ip::tcp;

// The helper an HTTP server calls to build a response: a file body opens the
// file synchronously.
http::response<http::file_body> file_response(const std::string &path, beast::error_code &ec) {
  http::file_body::value_type body;
  body.open(path.c_str(), beast::file_mode::scan, ec); // expect-note: {{'file_response' calls 'boost::beast::http::basic_file_body::value_type::open', which does blocking I/O}}
  return http::response<http::file_body>{http::status::ok, 11, std::move(body)};
}

net::awaitable<void> blocking_session(beast::tcp_stream stream) {
  beast::flat_buffer buffer;
  http::request<http::string_body> request;
  http::read(stream, buffer, request); // expect: async-blocking-in-coroutine {{'boost::beast::http::read' is a synchronous Boost.Beast operation inside coroutine 'blocking_session'; every other task on its event loop waits until it returns; use its asynchronous form with net::use_awaitable}}
  beast::error_code ec;
  auto response = file_response(std::string(request.target()), ec); // expect: async-blocking-in-coroutine {{call to 'file_response' blocks inside coroutine 'blocking_session': it reaches 'boost::beast::http::basic_file_body::value_type::open', which does blocking I/O}}
  http::write(stream, response);       // expect: async-blocking-in-coroutine {{'boost::beast::http::write'}}
  stream.socket().shutdown(tcp::socket::shutdown_send, ec); // ok: async-blocking-in-coroutine
  co_return;
}

net::awaitable<void> awaitable_session(beast::tcp_stream stream) {
  beast::flat_buffer buffer;
  http::request<http::string_body> request;
  co_await http::async_read(stream, buffer, request, net::use_awaitable); // ok: async-blocking-in-coroutine
  http::response<http::string_body> response{http::status::ok, request.version()};
  response.body() = "hello";
  response.prepare_payload();
  co_await http::async_write(stream, response, net::use_awaitable); // ok: async-blocking-in-coroutine
  stream.expires_after(std::chrono::seconds(30)); // ok: async-blocking-in-coroutine
}

net::awaitable<void> websocket_session(websocket::stream<beast::tcp_stream> ws) {
  ws.accept();                        // expect: async-blocking-in-coroutine {{'boost::beast::websocket::stream::accept'}}
  beast::flat_buffer buffer;
  ws.read(buffer);                    // expect: async-blocking-in-coroutine {{'boost::beast::websocket::stream::read'}}
  ws.text(ws.got_text());             // ok: async-blocking-in-coroutine
  ws.write(buffer.data());            // expect: async-blocking-in-coroutine {{'boost::beast::websocket::stream::write'}}
  co_await ws.async_read(buffer, net::use_awaitable);        // ok: async-blocking-in-coroutine
  co_await ws.async_write(buffer.data(), net::use_awaitable); // ok: async-blocking-in-coroutine
}

net::awaitable<void> client(beast::tcp_stream stream, tcp::endpoint endpoint) {
  stream.connect(endpoint);                                       // expect: async-blocking-in-coroutine {{'boost::beast::basic_stream::connect'}}
  co_await stream.async_connect(endpoint, net::use_awaitable);    // ok: async-blocking-in-coroutine
}

// A coroutine co_spawned onto a thread pool may block: that is where the
// blocking file response belongs.
net::awaitable<void> serve_file_on_the_pool(std::string path) {
  beast::error_code ec;
  auto response = file_response(path, ec); // ok: async-blocking-in-coroutine
  co_return;
}

int main() {
  net::io_context io;
  net::thread_pool pool(1);
  net::co_spawn(pool, serve_file_on_the_pool("index.html"), net::detached);
  net::co_spawn(io, blocking_session(beast::tcp_stream(io)), net::detached);
  net::co_spawn(io, awaitable_session(beast::tcp_stream(io)), net::detached);
  net::co_spawn(io, websocket_session(websocket::stream<beast::tcp_stream>(io)), net::detached);
  net::co_spawn(io, client(beast::tcp_stream(io), tcp::endpoint()), net::detached);
  io.run(); // ok: async-blocking-in-coroutine
}
