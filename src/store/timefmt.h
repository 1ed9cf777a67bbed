/* Timestamps as the original writes them (spec/session.md §2). */
#ifndef NONO_TIMEFMT_H
#define NONO_TIMEFMT_H

#include <time.h>

/* Local time, RFC 3339 with numeric offset and fraction only when
 * non-zero (3, 6 or 9 digits): 2026-04-21T20:00:00.123456789+01:00 */
void rfc3339_local(const struct timespec *ts, char out[64]);
/* UTC with "Z": 2026-04-21T20:00:00.123456Z (6 digits when non-zero). */
void rfc3339_utc(const struct timespec *ts, char out[64]);

#include <stdint.h>

/* Parses an RFC 3339 timestamp (Z or numeric offset, optional fraction)
 * into seconds since the epoch. 0, or -1 when it is not one. */
int rfc3339_parse(const char *s, int64_t *epoch);
/* Seconds since the epoch of local midnight at the start of YYYY-MM-DD
 * (end = 0) or of the next day (end = 1, for inclusive --until). */
int date_parse(const char *s, int end, int64_t *epoch);

#endif
