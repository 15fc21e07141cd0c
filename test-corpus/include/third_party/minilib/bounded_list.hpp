// A vendored fixed-capacity list, in the shape of boost::container's
// static_vector: the elements live in the object, so it never allocates.
// Not thread-safe, like std::vector; but a racy push_back can only lose an
// element, never corrupt the heap: each call indexes with its own bounded
// copy of the count. Corpus programs that race on a list on purpose use it,
// so that they cannot crash when they run.
#pragma once

#include <cstddef>

namespace minilib {

template <typename T, std::size_t Capacity> class bounded_list {
public:
  void push_back(const T &value) {
    std::size_t n = count_;
    if (n < Capacity) {
      items_[n] = value;
      count_ = n + 1;
    }
  }
  const T *begin() const { return items_; }
  const T *end() const { return items_ + count_; }
  std::size_t size() const { return count_; }

private:
  std::size_t count_ = 0; // first: a watchpoint on the object sees every push_back
  T items_[Capacity] = {};
};

} // namespace minilib
