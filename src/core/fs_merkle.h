/*
 * The filesystem-state Merkle tree of rollback snapshots (spec/rollback.md
 * §3), distinct from the audit tree:
 *   leaf = SHA256(0x00 || path bytes || content_hash)
 *   node = SHA256(0x01 || left || right), odd node promoted
 * Leaves are ordered by fs_path_cmp (component-wise: '/' sorts below every
 * other byte). The empty tree is SHA256("").
 */
#ifndef NONO_FS_MERKLE_H
#define NONO_FS_MERKLE_H

#include <stddef.h>
#include <stdint.h>

void fs_merkle_leaf(const char *path, size_t n, const uint8_t hash[32],
		    uint8_t out[32]);
/* node = SHA256(0x01 || left || right). out may alias either. */
/*@ requires \valid_read(l + (0 .. 31)) && \valid_read(r + (0 .. 31));
    requires \valid(out + (0 .. 31));
    assigns out[0 .. 31];
 */
void fs_merkle_node(const uint8_t l[32], const uint8_t r[32], uint8_t out[32]);
/* <0, 0, >0 in Rust Path order. */
int fs_path_cmp(const char *a, size_t an, const char *b, size_t bn);
/* Root over leaf hashes already in path order. */
void fs_merkle_root(const uint8_t (*leaves)[32], size_t n, uint8_t out[32]);

#endif
