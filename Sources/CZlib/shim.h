#ifndef EDGEPROOF_CZLIB_SHIM_H
#define EDGEPROOF_CZLIB_SHIM_H
#include <zlib.h>
#endif
