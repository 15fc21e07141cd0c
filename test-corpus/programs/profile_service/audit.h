#pragma once

#include <asio.hpp>

/// A coroutine of its own unit (audit.cpp).
asio::awaitable<void> audit_access(int user_id);
