/*
 * JSONC to JSON (spec/profiles.md §2): comments and trailing commas
 * become spaces, everything else is copied, so the output has the input's
 * length, offsets and line numbers. The strict JSON reader then judges
 * the result.
 */
#include "profile.h"

enum { S_CODE, S_STR, S_STR_ESC, S_LINE, S_BLOCK, S_BLOCK_STAR };

/*@ assigns \nothing; */
static int blank(uint8_t c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* pass 1: comments to spaces (newlines kept) */
/*@ requires \valid_read(in + (0 .. n - 1));
    requires \valid(out + (0 .. n - 1));
    requires \valid(bad) && \separated(bad, out + (0 .. n - 1));
    assigns out[0 .. n - 1], *bad;
    ensures \result == 0 || \result == -1;
 */
static int strip_comments(const uint8_t *in, size_t n, uint8_t *out,
			  size_t *bad)
{
	int s = S_CODE;
	size_t start = 0;

	/*@ loop invariant 0 <= i <= n;
	    loop assigns i, s, start, out[0 .. n - 1];
	    loop variant n - i;
	 */
	for (size_t i = 0; i < n; i++) {
		uint8_t c = in[i];
		out[i] = c;
		switch (s) {
		case S_CODE:
			if (c == '"') {
				s = S_STR;
				start = i;
			} else if (c == '/' && i + 1 < n &&
				   (in[i + 1] == '/' || in[i + 1] == '*')) {
				s = in[i + 1] == '/' ? S_LINE : S_BLOCK;
				start = i;
				out[i] = ' ';
				out[++i] = ' ';
			}
			break;
		case S_STR:
			s = c == '\\' ? S_STR_ESC : c == '"' ? S_CODE : S_STR;
			break;
		case S_STR_ESC:
			s = S_STR;
			break;
		case S_LINE:
			if (c == '\n')
				s = S_CODE;
			else
				out[i] = ' ';
			break;
		default: /* block comment */
			if (c != '\n' && c != '\r')
				out[i] = ' ';
			if (s == S_BLOCK_STAR && c == '/')
				s = S_CODE;
			else
				s = c == '*' ? S_BLOCK_STAR : S_BLOCK;
			break;
		}
	}
	if (s == S_CODE || s == S_LINE)
		return 0;
	*bad = start;
	return -1;
}

int jsonc_to_json(const uint8_t *in, size_t n, uint8_t *out, size_t *bad)
{
	int str = 0, esc = 0;

	*bad = 0;
	if (strip_comments(in, n, out, bad) < 0)
		return -1;
	/* pass 2: a comma whose next non-blank byte closes a container */
	/*@ loop invariant 0 <= i <= n;
	    loop assigns i, str, esc, out[0 .. n - 1];
	    loop variant n - i;
	 */
	for (size_t i = 0; i < n; i++) {
		uint8_t c = out[i];
		if (str) {
			if (esc)
				esc = 0;
			else if (c == '\\')
				esc = 1;
			else if (c == '"')
				str = 0;
		} else if (c == '"') {
			str = 1;
		} else if (c == ',') {
			size_t k = i + 1;
			/*@ loop invariant i + 1 <= k <= n;
			    loop assigns k;
			    loop variant n - k;
			 */
			while (k < n && blank(out[k]))
				k++;
			if (k < n && (out[k] == '}' || out[k] == ']'))
				out[i] = ' ';
		}
	}
	return 0;
}
