package org.selectorate.membership.members;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads RFC 4180 records one at a time (quoted fields may hold commas, quotes as {@code ""} and line
 * breaks), so a large file is validated as it arrives instead of being held whole.
 */
final class CsvReader {
    private final Reader in;
    private int line = 1;
    private int recordLine;
    private int pushedBack = -2;

    CsvReader(Reader in) {
        this.in = in;
    }

    /** The physical line the last record returned started on: what a report points a person at. */
    int recordLine() {
        return recordLine;
    }

    /** The next record's fields, or null at the end; blank lines are skipped. */
    List<String> next() throws IOException {
        while (true) {
            recordLine = line;
            List<String> fields = new ArrayList<>(12);
            StringBuilder field = new StringBuilder(32);
            int c = read();
            if (c == -1) {
                return null;
            }
            if (c == '\r' || c == '\n') {
                endOfLine(c);
                continue;
            }
            boolean quoted = false;
            boolean wasQuoted = false;
            while (true) {
                if (quoted) {
                    if (c == -1) {
                        throw new MalformedCsvException(recordLine, "a quoted field is not closed");
                    }
                    if (c == '"') {
                        int d = read();
                        if (d == '"') {
                            field.append('"');
                        } else {
                            quoted = false;
                            c = d;
                            continue;
                        }
                    } else {
                        if (c == '\n' || (c == '\r' && peekIsNot('\n'))) {
                            line++;
                        }
                        field.append((char) c);
                    }
                } else if (c == ',' || c == '\n' || c == '\r' || c == -1) {
                    fields.add(field.toString());
                    field.setLength(0);
                    wasQuoted = false;
                    if (c != ',') {
                        if (c != -1) {
                            endOfLine(c);
                        }
                        return fields;
                    }
                } else if (c == '"' && field.isEmpty() && !wasQuoted) {
                    quoted = true;
                    wasQuoted = true;
                } else if (wasQuoted) {
                    throw new MalformedCsvException(recordLine, "text follows a closing quote");
                } else {
                    field.append((char) c);
                }
                c = read();
            }
        }
    }

    private void endOfLine(int c) throws IOException {
        if (c == '\r') {
            int d = read();
            if (d != '\n') {
                pushedBack = d;
            }
        }
        line++;
    }

    private boolean peekIsNot(char expected) throws IOException {
        int d = read();
        pushedBack = d;
        return d != expected;
    }

    private int read() throws IOException {
        if (pushedBack != -2) {
            int c = pushedBack;
            pushedBack = -2;
            return c;
        }
        return in.read();
    }

    /** The file cannot be split into records from this point: the rest of it is unreadable. */
    static final class MalformedCsvException extends IOException {
        final int line;

        MalformedCsvException(int line, String message) {
            super(message);
            this.line = line;
        }
    }
}
