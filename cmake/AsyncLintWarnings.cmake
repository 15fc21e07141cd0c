# Warnings for asynclint's own code (not for third-party headers).
add_library(asynclint_warnings INTERFACE)
target_compile_options(asynclint_warnings INTERFACE -Wall -Wextra -Wno-unused-parameter)
