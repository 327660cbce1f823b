#ifndef EDGEPROOF_ATOMIC_RENAME_H
#define EDGEPROOF_ATOMIC_RENAME_H

/// Atomically swaps two paths (Linux renameat2 with RENAME_EXCHANGE). Returns 0 on success, -1 with errno set.
int edgeproof_exchange_paths(const char *first, const char *second);

#endif
