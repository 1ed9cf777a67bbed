#include "timefmt.h"

#include <stdio.h>
#include <string.h>

static void fraction(long ns, char *out, size_t cap, int max_digits)
{
	int v = (int)(ns % 1000000000L);

	if (v == 0) {
		out[0] = 0;
	} else if (max_digits >= 9 && v % 1000 != 0) {
		snprintf(out, cap, ".%09d", v);
	} else if (max_digits >= 6 && v % 1000000 != 0) {
		snprintf(out, cap, ".%06d", v / 1000);
	} else {
		snprintf(out, cap, ".%03d", v / 1000000);
	}
}

void rfc3339_local(const struct timespec *ts, char out[64])
{
	struct tm tm;
	char date[32], frac[16];
	int off, h, mi;

	localtime_r(&ts->tv_sec, &tm);
	strftime(date, sizeof date, "%Y-%m-%dT%H:%M:%S", &tm);
	fraction(ts->tv_nsec, frac, sizeof frac, 9);
	off = (int)(tm.tm_gmtoff % 86400);
	h = (off < 0 ? -off : off) / 3600;
	mi = ((off < 0 ? -off : off) / 60) % 60;
	snprintf(out, 64, "%.20s%.10s%c%02d:%02d", date, frac,
		 off < 0 ? '-' : '+', h, mi);
}

void rfc3339_utc(const struct timespec *ts, char out[64])
{
	struct tm tm;
	char date[32], frac[16];

	gmtime_r(&ts->tv_sec, &tm);
	strftime(date, sizeof date, "%Y-%m-%dT%H:%M:%S", &tm);
	fraction(ts->tv_nsec, frac, sizeof frac, 6);
	snprintf(out, 64, "%.20s%.10sZ", date, frac);
}
