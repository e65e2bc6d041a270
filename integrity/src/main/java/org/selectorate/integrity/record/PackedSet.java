package org.selectorate.integrity.record;

import java.util.Arrays;

/**
 * An exact set of byte strings of one width, kept in one array (open addressing, linear probing): a record's
 * tokens and trackers cost their bytes plus the table's slack, not an object and a hash-set node each, which at
 * 800,000 votes is the difference between about 40 MB and about 200 MB. Not thread-safe.
 */
final class PackedSet {
    private final int width;
    private byte[] keys;
    private boolean[] used;
    private int size;

    PackedSet(int width) {
        this.width = width;
        this.keys = new byte[64 * width];
        this.used = new boolean[64];
    }

    int size() {
        return size;
    }

    boolean contains(byte[] key) {
        return used[slot(key)];
    }

    /** Adds the key; false (and nothing changes) if it was there already. */
    boolean add(byte[] key) {
        int slot = slot(key);
        if (used[slot]) {
            return false;
        }
        put(slot, key, 0);
        size++;
        // Grown at two thirds full, so a probe stays short.
        if (3L * size > 2L * used.length) {
            grow();
        }
        return true;
    }

    /** The key's slot, or the empty slot where it would go. */
    private int slot(byte[] key) {
        if (key.length != width) {
            throw new IllegalArgumentException("a key here is " + width + " bytes, not " + key.length);
        }
        int mask = used.length - 1;
        int slot = hash(key, 0) & mask;
        while (used[slot] && !Arrays.equals(keys, slot * width, slot * width + width, key, 0, width)) {
            slot = (slot + 1) & mask;
        }
        return slot;
    }

    private void put(int slot, byte[] from, int offset) {
        System.arraycopy(from, offset, keys, slot * width, width);
        used[slot] = true;
    }

    private void grow() {
        byte[] oldKeys = keys;
        boolean[] oldUsed = used;
        keys = new byte[oldKeys.length * 2];
        used = new boolean[oldUsed.length * 2];
        int mask = used.length - 1;
        for (int i = 0; i < oldUsed.length; i++) {
            if (oldUsed[i]) {
                int slot = hash(oldKeys, i * width) & mask;
                while (used[slot]) {
                    slot = (slot + 1) & mask;
                }
                put(slot, oldKeys, i * width);
            }
        }
    }

    /** Every byte counts (keys may be chosen by a voter, not only drawn at random), then spread (MurmurHash3's finaliser). */
    private int hash(byte[] from, int offset) {
        int h = 1;
        for (int i = offset; i < offset + width; i++) {
            h = 31 * h + from[i];
        }
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        return h ^ (h >>> 16);
    }
}
