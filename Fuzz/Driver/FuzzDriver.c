// Declarations only: the definition comes from libclang_rt.fuzzer_no_main in a fuzzing build.
#include "FuzzDriver.h"
