/* usage.h — the help texts (usage.c). */
#ifndef PACTA_USAGE_H
#define PACTA_USAGE_H

extern const char usage_main[];
extern const char usage_check[];
extern const char usage_lint[];
extern const char usage_test[];
extern const char usage_eval[];
extern const char usage_build[];
extern const char usage_explain[];
extern const char usage_fmt[];
extern const char usage_diff[];
extern const char usage_doc[];
extern const char usage_inspect[];
extern const char usage_keygen[];
extern const char usage_lsp[];

#endif
