#include "json_copy.h"

int json_copy(struct jw *w, const struct json_doc *d, int i)
{
	const jsmntok_t *t = &d->tok[i];
	int k = i + 1;

	switch (t->type) {
	case JSMN_OBJECT:
		jw_obj_begin(w);
		for (int j = 0; j < t->size && !w->err; j++) {
			const jsmntok_t *key = &d->tok[k];
			jw_jkey(w, d->js + key->start,
				(size_t)(key->end - key->start));
			k = json_copy(w, d, k + 1);
		}
		jw_obj_end(w);
		return k;
	case JSMN_ARRAY:
		jw_arr_begin(w);
		for (int j = 0; j < t->size && !w->err; j++)
			k = json_copy(w, d, k);
		jw_arr_end(w);
		return k;
	case JSMN_STRING:
		jw_jstr(w, d->js + t->start, (size_t)(t->end - t->start));
		return k;
	default:
		jw_raw(w, d->js + t->start, (size_t)(t->end - t->start));
		return k;
	}
}
