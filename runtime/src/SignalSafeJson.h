//===--- SignalSafeJson.h - formatting an event without allocating --------===//
//
// The watchpoint handler runs inside a signal: no malloc, no locks, no
// stdio. This appends JSON text to a fixed buffer and truncates safely.
//
//===----------------------------------------------------------------------===//
#pragma once

#include <cstddef>
#include <cstdint>

namespace asynclint::rt {

class SignalSafeJson {
public:
  SignalSafeJson(char *Buffer, size_t Capacity) : Data(Buffer), Capacity(Capacity) {}

  SignalSafeJson &raw(const char *Text) {
    while (*Text)
      put(*Text++);
    return *this;
  }
  SignalSafeJson &string(const char *Text) {
    put('"');
    for (; *Text; ++Text) {
      char C = *Text;
      if (C == '"' || C == '\\')
        put('\\');
      if (static_cast<unsigned char>(C) >= 0x20)
        put(C);
    }
    put('"');
    return *this;
  }
  SignalSafeJson &number(uint64_t V) {
    char Digits[24];
    int N = 0;
    do {
      Digits[N++] = static_cast<char>('0' + V % 10);
      V /= 10;
    } while (V);
    while (N)
      put(Digits[--N]);
    return *this;
  }
  SignalSafeJson &hex(uint64_t V) {
    put('"');
    put('0');
    put('x');
    char Digits[20];
    int N = 0;
    do {
      Digits[N++] = "0123456789abcdef"[V & 15];
      V >>= 4;
    } while (V);
    while (N)
      put(Digits[--N]);
    put('"');
    return *this;
  }
  /// False when the text did not fit (the event must then not be written:
  /// truncated JSON is worse than none).
  bool complete() const { return Size < Capacity; }
  const char *data() const { return Data; }
  size_t size() const { return Size; }

private:
  void put(char C) {
    if (Size < Capacity)
      Data[Size] = C;
    ++Size;
  }
  char *Data;
  size_t Capacity;
  size_t Size = 0;
};

} // namespace asynclint::rt
