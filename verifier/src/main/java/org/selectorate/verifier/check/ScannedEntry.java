package org.selectorate.verifier.check;

import org.selectorate.integrity.hash.Digest;
import org.selectorate.integrity.record.RecordEntry;

/** An entry as the record streams past: its position in the record and its leaf hash recomputed from its content. */
public record ScannedEntry(long position, RecordEntry entry, Digest leafHash) {
}
