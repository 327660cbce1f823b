#ifndef EDGEPROOF_CCRYPTO_SHIM_H
#define EDGEPROOF_CCRYPTO_SHIM_H
#include <openssl/evp.h>
#include <openssl/sha.h>
#endif
