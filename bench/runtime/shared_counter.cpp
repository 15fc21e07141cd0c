// Benchmark program for shared-state verification: four threads do real
// work (hashing a buffer) and count finished items in a global without a
// lock, the mistake async-unguarded-shared-state flags. Run with the
// runtime watching 'items_done', and under ThreadSanitizer, to compare.
#include <cstdint>
#include <cstdio>
#include <thread>
#include <vector>

long items_done = 0;

static uint64_t hash_block(const std::vector<uint64_t> &block, uint64_t seed) {
  uint64_t h = seed;
  for (uint64_t v : block)
    h = (h ^ v) * 0x100000001b3ull;
  return h;
}

int main() {
  std::vector<uint64_t> block(4096);
  for (size_t i = 0; i < block.size(); ++i)
    block[i] = i * 2654435761u;
  std::vector<std::thread> workers;
  std::vector<uint64_t> results(4);
  for (int t = 0; t < 4; ++t)
    workers.emplace_back([&, t] {
      uint64_t h = t;
      for (int item = 0; item < 6000; ++item) {
        h = hash_block(block, h);
        ++items_done;
      }
      results[t] = h;
    });
  for (auto &w : workers)
    w.join();
  std::printf("%ld %llu\n", items_done, static_cast<unsigned long long>(results[0] ^ results[3]));
}
