// CHECKS: async-unguarded-shared-state
// Locks per branch. The shape of libunifex's message-broker example: one
// branch unlocks to call back without the lock, the other stays under it
// and updates the queue. The unlock is no unlock in the other branch, nor
// after a branch that returns; code after an `if` holds what either branch
// that falls through holds. With the unlock moved before the update, it
// races.
#include <mutex>
#include <set>

using Callback = void (*)(void *context, int slot);

class Broker {
public:
  void send(int slot, Callback sent, void *context) {
    std::unique_lock<std::mutex> lock(mutex_);
    if (auto ready = receivers_.find(slot); ready != receivers_.end()) {
      receivers_.erase(ready); // expect-note: {{'Broker::receivers_' is written holding 'Broker::mutex_' here}}
      lock.unlock();
      sent(context, slot);
    } else {
      messages_.insert(slot); // ok: async-unguarded-shared-state
      // expect-note@-1: {{'Broker::messages_' is written holding 'Broker::mutex_' here}}
    }
  }
  void receive(int slot, Callback received, void *context) {
    std::unique_lock<std::mutex> lock(mutex_);
    if (auto waiting = messages_.find(slot); waiting != messages_.end()) {
      messages_.erase(waiting);
      lock.unlock();
      received(context, slot);
      return;
    }
    receivers_.insert(slot); // ok: async-unguarded-shared-state
  }
  void cancel(int slot, bool quietly) {
    mutex_.lock();
    if (quietly) {
      mutex_.unlock();
      return;
    }
    messages_.erase(slot); // ok: async-unguarded-shared-state
    mutex_.unlock();
  }
  // The unlock comes before the update in the branch that updates.
  void send_late(int slot, Callback sent, void *context) {
    std::unique_lock<std::mutex> lock(mutex_);
    if (receivers_.count(slot) != 0) {
      lock.unlock();
      sent(context, slot);
    } else {
      lock.unlock();
      messages_.insert(slot); // expect: async-unguarded-shared-state {{'Broker::messages_' is written in 'Broker::send_late' without holding 'Broker::mutex_'}}
    }
  }
  // Both branches that fall through let go of the lock.
  void drop(int slot, bool all) {
    std::unique_lock<std::mutex> lock(mutex_);
    if (all)
      lock.unlock();
    else
      lock.unlock();
    receivers_.erase(slot); // expect: async-unguarded-shared-state {{'Broker::receivers_' is written in 'Broker::drop' without holding 'Broker::mutex_'}}
  }

private:
  std::multiset<int> messages_;
  std::multiset<int> receivers_;
  std::mutex mutex_;
};
