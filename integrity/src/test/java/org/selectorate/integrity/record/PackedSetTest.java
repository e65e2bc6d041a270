package org.selectorate.integrity.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PackedSetTest {

    @Test
    void isExactThroughGrowthAgainstAHashSet() {
        PackedSet packed = new PackedSet(8);
        Set<Long> reference = new HashSet<>();
        Random random = new Random(7);
        for (int i = 0; i < 20_000; i++) {
            // a small range, so about a third of the adds are repeats
            long key = random.nextInt(30_000);
            assertEquals(reference.add(key), packed.add(bytes(key)), "add " + key);
        }
        assertEquals(reference.size(), packed.size());
        for (long key = 0; key < 30_000; key++) {
            assertEquals(reference.contains(key), packed.contains(bytes(key)), "contains " + key);
        }
    }

    @Test
    void keysThatShareTheirHashStillDiffer() {
        // With width 2, (0, 31) and (1, 0) have the same polynomial hash: probing must compare the bytes.
        PackedSet packed = new PackedSet(2);
        assertTrue(packed.add(new byte[] {0, 31}));
        assertFalse(packed.contains(new byte[] {1, 0}));
        assertTrue(packed.add(new byte[] {1, 0}));
        assertFalse(packed.add(new byte[] {0, 31}));
        assertEquals(2, packed.size());
    }

    @Test
    void refusesAKeyOfAnotherWidth() {
        PackedSet packed = new PackedSet(4);
        assertThrows(IllegalArgumentException.class, () -> packed.add(new byte[5]));
        assertThrows(IllegalArgumentException.class, () -> packed.contains(new byte[3]));
        assertEquals(0, packed.size());
    }

    private static byte[] bytes(long key) {
        return ByteBuffer.allocate(8).putLong(key).array();
    }
}
