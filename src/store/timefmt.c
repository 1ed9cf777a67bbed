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

static int digits(const char *s, int n, int *v)
{
	*v = 0;
	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		*v = *v * 10 + (s[i] - '0');
	}
	return 0;
}

/* Days since 1970-01-01 of a proleptic Gregorian date. */
static int64_t days_from_civil(int y, int m, int d)
{
	int64_t era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

int rfc3339_parse(const char *s, int64_t *epoch)
{
	int y, mo, d, h, mi, se, oh = 0, om = 0, sign = 0;
	size_t i = 19;

	if (strlen(s) < 20 || digits(s, 4, &y) || s[4] != '-' ||
	    digits(s + 5, 2, &mo) || s[7] != '-' || digits(s + 8, 2, &d) ||
	    (s[10] != 'T' && s[10] != 't' && s[10] != ' ') ||
	    digits(s + 11, 2, &h) || s[13] != ':' || digits(s + 14, 2, &mi) ||
	    s[16] != ':' || digits(s + 17, 2, &se))
		return -1;
	if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || se > 60)
		return -1;
	if (s[i] == '.') {
		i++;
		while (s[i] >= '0' && s[i] <= '9')
			i++;
	}
	if (s[i] == 'Z' || s[i] == 'z') {
		i++;
	} else if (s[i] == '+' || s[i] == '-') {
		sign = s[i] == '-' ? -1 : 1;
		if (digits(s + i + 1, 2, &oh) || s[i + 3] != ':' ||
		    digits(s + i + 4, 2, &om))
			return -1;
		i += 6;
	} else {
		return -1;
	}
	if (s[i])
		return -1;
	*epoch = days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + se -
		 sign * (oh * 3600 + om * 60);
	return 0;
}

int date_parse(const char *s, int end, int64_t *epoch)
{
	struct tm tm;
	int y, mo, d;

	if (strlen(s) != 10 || digits(s, 4, &y) || s[4] != '-' ||
	    digits(s + 5, 2, &mo) || s[7] != '-' || digits(s + 8, 2, &d) ||
	    mo < 1 || mo > 12 || d < 1 || d > 31)
		return -1;
	memset(&tm, 0, sizeof tm);
	tm.tm_year = y - 1900;
	tm.tm_mon = mo - 1;
	tm.tm_mday = d + (end ? 1 : 0);
	tm.tm_isdst = -1;
	*epoch = (int64_t)mktime(&tm);
	return 0;
}
