#ifndef EDGEPROOF_CPCRE2_SHIM_H
#define EDGEPROOF_CPCRE2_SHIM_H
/* pcre2_compile and friends are macros over the width-specific functions; Swift calls the _8 ones. */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#endif
