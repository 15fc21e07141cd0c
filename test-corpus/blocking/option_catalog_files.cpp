// CatalogFiles adds a library's blocking API without any C++ change: a new
// category (database) and an extra sleep.
// CHECKS: async-blocking-in-coroutine
// CONFIG: {CheckOptions: {CatalogFiles: '%S/data/extra-catalog.json'}}
// NO-RUN
#include <minitask/task.hpp>

namespace legacydb {
inline int query(const char *sql) { return sql ? 1 : 0; }
inline void backoff() {}
inline int query_async_ready() { return 1; }
} // namespace legacydb

minitask::task<int> report() {
  int rows = legacydb::query("select 1"); // expect: async-blocking-in-coroutine {{'legacydb::query' queries the database synchronously inside coroutine 'report'; every other task on its event loop waits until it returns; use the driver's asynchronous query API}}
  legacydb::backoff();                    // expect: async-blocking-in-coroutine {{'legacydb::backoff' puts the thread to sleep}}
  rows += legacydb::query_async_ready();  // ok: async-blocking-in-coroutine
  co_return rows;
}

int main() { return 0; }
