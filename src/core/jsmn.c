/* jsmn's implementation, compiled once (it is a header-only library).
 * jsmn is a tokenizer, not a validator: json_read.c checks everything it
 * lets through. This file is outside the WP proof (third-party code);
 * json_read.c relies only on the token array being filled within its
 * capacity, which the fuzz harness and the reader's own checks cover. */
#define NONO_JSMN_IMPL 1
#include "jsmn_cfg.h"
