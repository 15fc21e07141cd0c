// CHECKS: async-unguarded-shared-state
// When the starter's own accesses overlap the thread: between start and join,
// for a detached thread, for a jthread until its scope ends; static locals and
// static members are shared like globals.
#include <cstdio>
#include <thread>

long progress = 0;

void step() { ++progress; } // expect: async-unguarded-shared-state {{'progress' is written in a thread running 'step' without a lock, while 'watch_while_running' (which started the thread) reads it concurrently}}

void watch_while_running() {
  std::thread t(step); // expect-note: {{'step' starts on another thread here}}
  std::printf("%ld\n", progress); // expect-note: {{conflicting read of 'progress' in 'watch_while_running'}}
  t.join();
}

long finished = 0;
void finish() { ++finished; }

// A jthread joins when its scope ends: the read after the block is ordered.
void jthread_scope() {
  {
    std::jthread t(finish);
  }
  std::printf("%ld\n", finished); // ok: async-unguarded-shared-state
}

long background = 0;
void tick() { ++background; } // expect: async-unguarded-shared-state {{'background' is written in a thread running 'tick' without a lock, while 'detached' (which started the thread) writes it concurrently}}

// A detached thread may still run at any later point.
void detached() {
  std::thread t(tick); // expect-note: {{'tick' starts on another thread here}}
  t.detach();
  background = 0; // expect-note: {{conflicting write of 'background' in 'detached'}}
}

// Two threads, one after the other: the first is joined before the second
// starts, so their writes never overlap.
long phase = 0;
void advance() { ++phase; }
void one_after_another() {
  std::thread first(advance);
  first.join();
  std::thread second(advance);
  second.join();
  phase = 0; // ok: async-unguarded-shared-state
}

// Static locals and static members: one object for every thread.
struct Counter {
  static long created;
};
long Counter::created = 0;

void make() {
  static long calls = 0;
  ++calls; // expect: async-unguarded-shared-state {{'make::calls' is written in a thread running 'make' without a lock}}
  ++Counter::created; // expect: async-unguarded-shared-state {{'Counter::created' is written in a thread running 'make' without a lock}}
}

void make_twice() {
  std::thread a(make);
  std::thread b(make);
  a.join();
  b.join();
}

// Started once and never concurrently with anything that touches `solo`.
long solo = 0;
void alone() { ++solo; } // ok: async-unguarded-shared-state
void run_alone() {
  std::thread t(alone);
  t.join();
  std::printf("%ld\n", solo); // ok: async-unguarded-shared-state
}

int main() {
  watch_while_running();
  jthread_scope();
  detached();
  one_after_another();
  make_twice();
  run_alone();
  std::this_thread::yield();
}
