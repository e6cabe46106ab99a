// libFuzzer's entry point for programs that keep their own main (LLVM 12 and later). The fuzz
// executables call it from @main when built with -DFUZZING and link libclang_rt.fuzzer_no_main;
// SwiftPM renames an executable's main, so libFuzzer's own main cannot be used.
#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));
