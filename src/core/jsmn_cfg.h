/*
 * The one place jsmn's configuration is fixed: strict primitives and
 * parent links. Every file that needs jsmn types includes this header;
 * jsmn.c alone compiles the implementation.
 */
#ifndef NONO_JSMN_CFG_H
#define NONO_JSMN_CFG_H

#define JSMN_STRICT 1
#define JSMN_PARENT_LINKS 1
#ifndef NONO_JSMN_IMPL
#define JSMN_HEADER 1
#endif
#include <jsmn.h>

#ifdef __FRAMAC__
/*
 * What the proof of json_read.c assumes of jsmn (third-party, not proved):
 * it writes only the token array and its parser state, and returns either
 * a negative error or a token count that fits the array. Nothing is
 * assumed about the token fields: json_parse checks them.
 */
/*@ requires \valid(parser);
    assigns *parser;
 */
void jsmn_init(jsmn_parser *parser);

/*@ requires \valid(parser);
    requires \valid_read(js + (0 .. len - 1));
    requires \valid(tokens + (0 .. num_tokens - 1));
    requires \separated(parser, tokens + (0 .. num_tokens - 1));
    assigns *parser, tokens[0 .. num_tokens - 1];
    ensures \result <= num_tokens;
    ensures \result >= 0 || \result == JSMN_ERROR_NOMEM ||
            \result == JSMN_ERROR_INVAL || \result == JSMN_ERROR_PART;
 */
int jsmn_parse(jsmn_parser *parser, const char *js, const size_t len,
	       jsmntok_t *tokens, const unsigned int num_tokens);
#endif

#endif
