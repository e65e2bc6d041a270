package org.selectorate.devstack.mailbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Every delivered copy of every message, appended to one file; only a small index stays in memory, so
 * a national mail-out (hundreds of thousands of messages) neither fills the heap nor slows lookups:
 * a mailbox is found by a hash lookup, not by scanning every user. Senders and subjects repeat across a
 * mail-out, so the index keeps one copy of each. A subject's counts are kept up to date as they are asked
 * for, from the messages delivered since the last time: a load test that polls them every second during
 * an 800,000-message mail-out would otherwise rescan every message each time.
 */
final class MessageStore implements AutoCloseable {
    private final FileChannel file;
    private final Clock clock;
    private final Map<String, List<StoredMessage>> byRecipient = new HashMap<>();
    private final List<StoredMessage> all = new ArrayList<>();
    /** One copy of each sender and subject, shared by the index entries. */
    private final Map<String, String> shared = new HashMap<>();
    /** The counts of the last few subject prefixes asked for. */
    private final Map<String, Tally> tallies = new LinkedHashMap<>(8, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Tally> eldest) {
            return size() > 8;
        }
    };
    private long end;

    MessageStore(Path path, Clock clock) throws IOException {
        this.file = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.READ, StandardOpenOption.WRITE);
        this.clock = clock;
    }

    /** What a mailbox holds and how a subject's mail-out went: the figures a load test checks. */
    record Stats(long messages, long recipients, long duplicateMessageIds, long recipientsWithSeveral) {
    }

    synchronized StoredMessage deliver(String sender, String recipient, byte[] message) {
        MessageHeaders headers = MessageHeaders.parse(message);
        StoredMessage stored = new StoredMessage(all.size() + 1L, normalise(recipient), share(sender),
                share(headers.get("subject")), headers.get("message-id"), clock.instant(), end, message.length);
        try {
            ByteBuffer buffer = ByteBuffer.wrap(message);
            while (buffer.hasRemaining()) {
                end += file.write(buffer, end);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        all.add(stored);
        byRecipient.computeIfAbsent(stored.recipient(), r -> new ArrayList<>()).add(stored);
        return stored;
    }

    synchronized List<StoredMessage> mailbox(String recipient) {
        return List.copyOf(byRecipient.getOrDefault(normalise(recipient), List.of()));
    }

    byte[] content(StoredMessage message) {
        ByteBuffer buffer = ByteBuffer.allocate(message.length());
        try {
            while (buffer.hasRemaining()) {
                if (file.read(buffer, message.offset() + buffer.position()) < 0) {
                    throw new IOException("message " + message.id() + " is cut short in the store");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return buffer.array();
    }

    /**
     * Counts over the messages whose subject starts with {@code subjectPrefix} (all if empty). A message
     * id seen twice in one mailbox is the same message delivered twice; a recipient with several
     * messages of one kind (one access code each, say) shows a doubled mail-out.
     */
    synchronized Stats stats(String subjectPrefix) {
        Tally tally = tallies.computeIfAbsent(subjectPrefix, Tally::new);
        for (int i = tally.counted; i < all.size(); i++) {
            tally.add(all.get(i));
        }
        tally.counted = all.size();
        return new Stats(tally.messages, tally.perRecipient.size(), tally.duplicates, tally.several);
    }

    /** A subject prefix's counts over the first {@code counted} messages. */
    private final class Tally {
        private final String prefix;
        private final Map<String, Integer> perRecipient = new HashMap<>();
        private int counted;
        private long messages;
        private long duplicates;
        private long several;

        Tally(String prefix) {
            this.prefix = prefix;
        }

        void add(StoredMessage m) {
            if (!m.subject().startsWith(prefix)) {
                return;
            }
            messages++;
            int before = perRecipient.merge(m.recipient(), 1, Integer::sum) - 1;
            if (before == 1) {
                several++;
            }
            if (before > 0 && !m.messageId().isEmpty() && repeated(m)) {
                duplicates++;
            }
        }

        /** An earlier message of this prefix in the same mailbox had the same message id. */
        private boolean repeated(StoredMessage m) {
            for (StoredMessage earlier : byRecipient.get(m.recipient())) {
                if (earlier.id() >= m.id()) {
                    return false;
                }
                if (earlier.messageId().equals(m.messageId()) && earlier.subject().startsWith(prefix)) {
                    return true;
                }
            }
            return false;
        }
    }

    synchronized void purge() throws IOException {
        all.clear();
        byRecipient.clear();
        shared.clear();
        tallies.clear();
        file.truncate(0);
        end = 0;
    }

    @Override
    public void close() throws IOException {
        file.close();
    }

    private String share(String text) {
        String known = shared.putIfAbsent(text, text);
        return known == null ? text : known;
    }

    private static String normalise(String address) {
        return address.trim().toLowerCase(Locale.ROOT);
    }
}
