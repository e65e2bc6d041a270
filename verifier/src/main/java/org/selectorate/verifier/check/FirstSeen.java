package org.selectorate.verifier.check;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import org.selectorate.integrity.hash.Digest;

/**
 * Which entry first had each value (a token, a tracker, a paper item), kept as the first 128 bits of the value's
 * SHA-256 in an open-addressed table: 24 bytes a value at most three quarters full, so a million trackers take
 * about 48 MB rather than the half-gigabyte of a map of strings. Two different values sharing 128 bits of SHA-256
 * is beyond anyone's reach, so a value found is a value repeated.
 */
final class FirstSeen {
    private static final long FREE = Long.MIN_VALUE;

    private final MessageDigest sha256 = Digest.newSha256();
    private long[] keys = new long[2 * 1024];
    private long[] firsts = newFirsts(1024);
    private int size;

    /** The seq of the entry that first had {@code value}; if none, null, and {@code seq} is its first. */
    Long putIfAbsent(String value, long seq) {
        byte[] h = sha256.digest(value.getBytes(StandardCharsets.UTF_8));
        long hi = word(h, 0);
        long lo = word(h, 8);
        if (4L * (size + 1) > 3L * firsts.length) {
            grow();
        }
        int slot = find(keys, firsts, hi, lo);
        if (firsts[slot] != FREE) {
            return firsts[slot];
        }
        keys[2 * slot] = hi;
        keys[2 * slot + 1] = lo;
        firsts[slot] = seq;
        size++;
        return null;
    }

    int size() {
        return size;
    }

    /** The slot holding (hi, lo), or the free slot where it belongs. */
    private static int find(long[] keys, long[] firsts, long hi, long lo) {
        int mask = firsts.length - 1;
        int slot = (int) lo & mask;
        while (firsts[slot] != FREE && (keys[2 * slot] != hi || keys[2 * slot + 1] != lo)) {
            slot = (slot + 1) & mask;
        }
        return slot;
    }

    private void grow() {
        long[] newKeys = new long[keys.length * 2];
        long[] newFirsts = newFirsts(firsts.length * 2);
        for (int i = 0; i < firsts.length; i++) {
            if (firsts[i] != FREE) {
                int slot = find(newKeys, newFirsts, keys[2 * i], keys[2 * i + 1]);
                newKeys[2 * slot] = keys[2 * i];
                newKeys[2 * slot + 1] = keys[2 * i + 1];
                newFirsts[slot] = firsts[i];
            }
        }
        keys = newKeys;
        firsts = newFirsts;
    }

    private static long[] newFirsts(int capacity) {
        long[] a = new long[capacity];
        Arrays.fill(a, FREE);
        return a;
    }

    private static long word(byte[] b, int off) {
        long v = 0;
        for (int i = off; i < off + 8; i++) {
            v = (v << 8) | (b[i] & 0xff);
        }
        return v;
    }
}
