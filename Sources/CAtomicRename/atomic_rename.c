#ifndef __linux__
#error "EdgeProof builds on Linux only: the atomic output directory swaps paths with Linux renameat2(RENAME_EXCHANGE)"
#endif

#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include "atomic_rename.h"

int edgeproof_exchange_paths(const char *first, const char *second) {
    return renameat2(AT_FDCWD, first, AT_FDCWD, second, RENAME_EXCHANGE);
}
