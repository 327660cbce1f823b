#ifndef EDGEPROOF_CCURL_SHIM_H
#define EDGEPROOF_CCURL_SHIM_H
/* curl_easy_setopt and curl_easy_getinfo are variadic, which Swift cannot call: one typed wrapper per argument kind. */
#include <curl/curl.h>

typedef size_t (*edgeproof_curl_write_callback)(char *data, size_t size, size_t count, void *context);

static inline CURLcode edgeproof_curl_set_long(CURL *handle, CURLoption option, long value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode edgeproof_curl_set_string(CURL *handle, CURLoption option, const char *value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode edgeproof_curl_set_pointer(CURL *handle, CURLoption option, void *value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode edgeproof_curl_set_write_callback(CURL *handle, CURLoption option,
                                                         edgeproof_curl_write_callback callback) {
    return curl_easy_setopt(handle, option, callback);
}

static inline CURLcode edgeproof_curl_get_long(CURL *handle, CURLINFO info, long *value) {
    return curl_easy_getinfo(handle, info, value);
}
#endif
