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

#endif
