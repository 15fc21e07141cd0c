// A declaration mirror of Taskflow 4.1.0 (github.com/taskflow/taskflow, tag
// v4.1.0), for the asynclint test corpus: the namespaces, classes, templates
// and signatures below are the library's own, as declared in taskflow/core/
// (executor.hpp, taskflow.hpp, flow_builder.hpp, task.hpp). Bodies are
// placeholders that only make the corpus compile: this is not a working
// library, and no corpus program that includes it is run (// NO-RUN).
#pragma once

#include <cstddef>
#include <future>
#include <string>
#include <thread>
#include <type_traits>
#include <utility>

namespace tf {

class Task {
public:
  Task() = default;
  template <typename... Ts> Task &precede(Ts &&...tasks) { return *this; }
  template <typename... Ts> Task &succeed(Ts &&...tasks) { return *this; }
};

class FlowBuilder {
public:
  template <typename C> Task emplace(C &&callable) { return Task{}; }
};

class Taskflow : public FlowBuilder {
public:
  Taskflow() = default;
  explicit Taskflow(const std::string &name) {}
};

// taskflow.hpp: the future of a running taskflow.
template <typename T> class Future : public std::future<T> {
public:
  Future() = default;
  Future(const Future &) = delete;
  Future(Future &&) = default;
  Future(std::future<T> &&f) : std::future<T>(std::move(f)) {}
  Future &operator=(Future &&) = default;
  bool cancel() { return false; }
};

// executor.hpp
class Executor {
public:
  explicit Executor(size_t N = std::thread::hardware_concurrency()) {}
  tf::Future<void> run(Taskflow &taskflow) { return tf::Future<void>{}; }
  tf::Future<void> run(Taskflow &&taskflow) { return tf::Future<void>{}; }
  template <typename C> tf::Future<void> run(Taskflow &taskflow, C &&callable) {
    return tf::Future<void>{};
  }
  tf::Future<void> run_n(Taskflow &taskflow, size_t N) { return tf::Future<void>{}; }
  template <typename T> void corun(T &target) {}
  void wait_for_all() {}
  size_t num_workers() const noexcept { return 1; }
  template <typename F> auto async(F &&func) { return std::future<std::invoke_result_t<F>>{}; }
  template <typename F> void silent_async(F &&func) {}
};

} // namespace tf
