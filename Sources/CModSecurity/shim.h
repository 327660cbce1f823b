#ifndef EDGEPROOF_CMODSECURITY_SHIM_H
#define EDGEPROOF_CMODSECURITY_SHIM_H
/* libmodsecurity 3's C API (msc_*). Its headers are C++-aware and usable from C. */
#include <stddef.h>
#include <modsecurity/modsecurity.h>
#include <modsecurity/rules_set.h>
#include <modsecurity/transaction.h>
#include <modsecurity/intervention.h>

/* libinjection, which libmodsecurity exports but installs no header for: the detectors behind CRS's @detectSQLi
   and @detectXSS. `fingerprint` receives up to 8 bytes (NUL-terminated) for a SQL injection match. */
int libinjection_sqli(const char *s, size_t slen, char fingerprint[]);
int libinjection_xss(const char *s, size_t slen);
#endif
