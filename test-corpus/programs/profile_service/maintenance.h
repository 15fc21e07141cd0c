#pragma once

#include "profile_store.h"

#include <asio.hpp>

/// Maintenance jobs (maintenance.cpp), started by main in handlers.cpp.
asio::awaitable<void> compact_profiles(const profiles::ProfileStore &store);
asio::awaitable<void> rebuild_index(const profiles::ProfileStore &store);
