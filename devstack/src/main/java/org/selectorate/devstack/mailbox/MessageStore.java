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
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Every delivered copy of every message, appended to one file; only a small index stays in memory, so
 * a national mail-out (hundreds of thousands of messages) neither fills the heap nor slows lookups:
 * a mailbox is found by a hash lookup, not by scanning every user.
 */
final class MessageStore implements AutoCloseable {
    private final FileChannel file;
    private final Clock clock;
    private final Map<String, List<StoredMessage>> byRecipient = new HashMap<>();
    private final List<StoredMessage> all = new ArrayList<>();
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
        StoredMessage stored = new StoredMessage(all.size() + 1L, normalise(recipient), sender,
                headers.get("subject"), headers.get("message-id"), clock.instant(), end, message.length);
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
        Map<String, Integer> perRecipient = new HashMap<>();
        Set<String> seen = new HashSet<>();
        long messages = 0;
        long duplicates = 0;
        for (StoredMessage m : all) {
            if (m.subject().startsWith(subjectPrefix)) {
                messages++;
                perRecipient.merge(m.recipient(), 1, Integer::sum);
                if (!m.messageId().isEmpty() && !seen.add(m.recipient() + ' ' + m.messageId())) {
                    duplicates++;
                }
            }
        }
        long several = perRecipient.values().stream().filter(n -> n > 1).count();
        return new Stats(messages, perRecipient.size(), duplicates, several);
    }

    synchronized void purge() throws IOException {
        all.clear();
        byRecipient.clear();
        file.truncate(0);
        end = 0;
    }

    @Override
    public void close() throws IOException {
        file.close();
    }

    private static String normalise(String address) {
        return address.trim().toLowerCase(Locale.ROOT);
    }
}
