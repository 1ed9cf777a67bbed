/* Unit test suites (Check). Each test file contributes one suite. */
#ifndef NONO_TEST_SUITES_H
#define NONO_TEST_SUITES_H

#include <check.h>
#include <stddef.h>
#include <stdint.h>

Suite *suite_encoding(void);
Suite *suite_json(void);
Suite *suite_audit(void);
Suite *suite_session(void);
Suite *suite_ledger(void);
Suite *suite_scrub(void);
Suite *suite_attest(void);
Suite *suite_sandbox(void);
Suite *suite_profile(void);
Suite *suite_manifest(void);
Suite *suite_http(void);

/* helpers (helpers.c) */
void hex32(const char *hex, uint8_t out[32]);
void fill32(uint8_t out[32], uint8_t v);
char *tohex(const uint8_t *b, size_t n); /* static buffer */

#endif
