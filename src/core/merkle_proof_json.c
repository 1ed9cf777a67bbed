#include "merkle_proof_json.h"

void merkle_proof_write(struct jw *w, const struct merkle_proof *p)
{
	jw_obj_begin(w);
	jw_key(w, "leaf_index");
	jw_u64(w, p->leaf_index);
	jw_key(w, "leaf_count");
	jw_u64(w, p->leaf_count);
	jw_key(w, "leaf_hash");
	jw_hex(w, p->leaf_hash, 32);
	jw_key(w, "merkle_root");
	jw_hex(w, p->merkle_root, 32);
	jw_key(w, "siblings");
	jw_arr_begin(w);
	for (unsigned i = 0; i < p->nsib && i < MERKLE_MAX_HEIGHT; i++) {
		jw_obj_begin(w);
		jw_key(w, "direction");
		jw_str(w, p->dir[i] == MERKLE_LEFT ? "left" : "right");
		jw_key(w, "hash");
		jw_hex(w, p->sib[i], 32);
		jw_obj_end(w);
	}
	jw_arr_end(w);
	jw_obj_end(w);
}

static const char *const TOP[] = { "leaf_index", "leaf_count", "leaf_hash",
				   "merkle_root", "siblings" };
static const char *const SIB[] = { "direction", "hash" };

int merkle_proof_parse(const uint8_t *js, size_t n, jsmntok_t *tok,
		       unsigned cap, struct merkle_proof *p, const char **why)
{
	struct json_doc d;
	struct json_err e;
	int s, k, cnt;

	if (json_parse(&d, js, n, tok, cap, &e) < 0) {
		*why = e.msg;
		return -1;
	}
	*why = "not an inclusion proof object";
	if (!json_is_obj(&d, 0) ||
	    json_obj_unknown_key(&d, 0, TOP, sizeof TOP / sizeof *TOP) >= 0)
		return -1;
	if (json_get_u64(&d, json_obj_get(&d, 0, "leaf_index"), UINT64_MAX,
			 &p->leaf_index) < 0 ||
	    json_get_u64(&d, json_obj_get(&d, 0, "leaf_count"), UINT64_MAX,
			 &p->leaf_count) < 0 ||
	    json_get_hex(&d, json_obj_get(&d, 0, "leaf_hash"), p->leaf_hash, 32) < 0 ||
	    json_get_hex(&d, json_obj_get(&d, 0, "merkle_root"), p->merkle_root, 32) < 0) {
		*why = "missing or invalid leaf_index, leaf_count, leaf_hash or "
		       "merkle_root";
		return -1;
	}
	s = json_obj_get(&d, 0, "siblings");
	if (!json_is_arr(&d, s)) {
		*why = "siblings must be an array";
		return -1;
	}
	cnt = json_count(&d, s);
	if (cnt > MERKLE_MAX_HEIGHT) {
		*why = "too many siblings";
		return -1;
	}
	k = s + 1;
	for (int i = 0; i < cnt; i++) {
		int dir, h;
		if (!json_is_obj(&d, k) ||
		    json_obj_unknown_key(&d, k, SIB, 2) >= 0) {
			*why = "sibling must be {direction, hash}";
			return -1;
		}
		dir = json_obj_get(&d, k, "direction");
		h = json_obj_get(&d, k, "hash");
		if (json_str_eq(&d, dir, "left"))
			p->dir[i] = MERKLE_LEFT;
		else if (json_str_eq(&d, dir, "right"))
			p->dir[i] = MERKLE_RIGHT;
		else {
			*why = "direction must be \"left\" or \"right\"";
			return -1;
		}
		if (json_get_hex(&d, h, p->sib[i], 32) < 0) {
			*why = "sibling hash must be 64 lower-case hex digits";
			return -1;
		}
		k = json_skip(&d, k);
	}
	p->nsib = (unsigned)cnt;
	return 0;
}
