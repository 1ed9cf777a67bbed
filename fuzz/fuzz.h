/* Shared by the fuzz harnesses: each defines LLVMFuzzerTestOneInput and
 * aborts (caught by the fuzzer) when a property fails. */
#ifndef NONO_FUZZ_H
#define NONO_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define PROPERTY(c) do { if (!(c)) abort(); } while (0)

#endif
