// A pipeline in the shape of a libcoro/cppcoro program: stages (stages.cpp,
// flush.cpp) are plain functions, the pipeline (pipeline.cpp) runs them from
// coroutines on a single-threaded scheduler.
#pragma once

namespace pipeline {

/// Drains n batches; drain and flush (flush.cpp) call each other.
void drain(int n);
void flush(int n);

/// Counts down; count_down and count_up (flush.cpp) call each other and
/// never block.
int count_down(int n);
int count_up(int n);

} // namespace pipeline
