package org.selectorate.membership.members;

import org.selectorate.support.problem.ProblemException;

import java.io.IOException;
import java.io.Reader;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The documented members file: a header row naming {@link #COLUMNS} (any order), then one member per
 * row. Every row is checked and every bad field reported, so a secretary can fix a file in one pass.
 */
final class MemberCsv {
    static final List<String> COLUMNS = List.of("membership_number", "first_name", "last_name", "email", "phone",
            "address", "branch", "joined", "status", "arrears");
    static final int MAX_REPORTED_ERRORS = 1000;

    private static final Pattern NUMBER = Pattern.compile("[A-Za-z0-9][A-Za-z0-9-]{0,39}");
    static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    static final Pattern PHONE = Pattern.compile("[+0-9 ()-]{0,30}");
    private static final Set<String> STATUSES = Set.of("active", "lapsed", "suspended");

    /** Valid rows in file order, the count of data rows read, and the reasons for refused rows. */
    record Parsed(List<MemberRow> valid, int rows, int rejected, List<ImportReport.RowError> errors) {
    }

    private MemberCsv() {
    }

    static Parsed parse(Reader reader, Set<String> branches, LocalDate today) {
        Rows rows = new Rows(reader, branches, today);
        List<MemberRow> valid = new ArrayList<>();
        MemberRow row;
        while ((row = rows.next()) != null) {
            valid.add(row);
        }
        return new Parsed(valid, rows.rows(), rows.rejected(), rows.errors());
    }

    /**
     * The file's valid rows one at a time, in file order, counting and reporting the bad ones as it passes them: a
     * roll of any size is checked holding one row (and the membership numbers seen, to refuse a repeated one).
     */
    static final class Rows {
        private final CsvReader csv;
        private final Set<String> branches;
        private final LocalDate today;
        private final Map<String, Integer> seen = new HashMap<>();
        private final List<ImportReport.RowError> errors = new ArrayList<>();
        private int[] index;
        private int rows;
        private int rejected;
        private boolean ended;

        Rows(Reader reader, Set<String> branches, LocalDate today) {
            this.csv = new CsvReader(reader);
            this.branches = branches;
            this.today = today;
        }

        /** The next valid row, or null at the end of the file (or of what could be read of it). */
        MemberRow next() {
            if (ended) {
                return null;
            }
            try {
                if (index == null) {
                    index = header(csv.next());
                }
                List<String> fields;
                while ((fields = csv.next()) != null) {
                    rows++;
                    List<ImportReport.RowError> rowErrors = new ArrayList<>(2);
                    MemberRow row = row(csv.recordLine(), fields, index, branches, today, seen, rowErrors);
                    if (row != null) {
                        return row;
                    }
                    rejected++;
                    rowErrors.stream().limit(Math.max(0, MAX_REPORTED_ERRORS - errors.size())).forEach(errors::add);
                }
            } catch (CsvReader.MalformedCsvException e) {
                rows++;
                rejected++;
                errors.add(new ImportReport.RowError(e.line, "row", e.getMessage() + "; the rest of the file was not read"));
            } catch (IOException e) {
                throw ProblemException.badRequest("the file could not be read: " + e.getMessage(), List.of());
            }
            ended = true;
            return null;
        }

        /** Data rows read so far. */
        int rows() {
            return rows;
        }

        int rejected() {
            return rejected;
        }

        /** The first {@value MemberCsv#MAX_REPORTED_ERRORS} reasons for refused rows. */
        List<ImportReport.RowError> errors() {
            return List.copyOf(errors);
        }
    }

    /** Position of each documented column; a missing, unknown or repeated column refuses the file. */
    private static int[] header(List<String> names) {
        if (names == null) {
            throw ProblemException.badRequest("the file is empty; the first row must name the columns",
                    List.of("header: expected " + String.join(",", COLUMNS)));
        }
        int[] index = new int[COLUMNS.size()];
        java.util.Arrays.fill(index, -1);
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i).replace("\uFEFF", "").trim().toLowerCase(java.util.Locale.ROOT);
            int column = COLUMNS.indexOf(name);
            if (column < 0) {
                problems.add("header: unknown column '" + name + "'");
            } else if (index[column] >= 0) {
                problems.add("header: column '" + name + "' appears twice");
            } else {
                index[column] = i;
            }
        }
        for (int c = 0; c < COLUMNS.size(); c++) {
            if (index[c] < 0) {
                problems.add("header: missing column '" + COLUMNS.get(c) + "'");
            }
        }
        if (!problems.isEmpty()) {
            throw ProblemException.badRequest("the header row must name the documented columns: "
                    + String.join(",", COLUMNS), problems);
        }
        return index;
    }

    private static MemberRow row(int line, List<String> fields, int[] index, Set<String> branches, LocalDate today,
                                 Map<String, Integer> seen, List<ImportReport.RowError> errors) {
        int width = index.length;
        if (fields.size() != width) {
            errors.add(new ImportReport.RowError(line, "row", "has " + fields.size() + " fields, the header has " + width));
            return null;
        }
        String number = fields.get(index[0]).trim();
        String firstName = fields.get(index[1]).trim();
        String lastName = fields.get(index[2]).trim();
        String email = fields.get(index[3]).trim();
        String phone = fields.get(index[4]).trim();
        String address = fields.get(index[5]).trim();
        String branch = fields.get(index[6]).trim();
        String joinedText = fields.get(index[7]).trim();
        String status = fields.get(index[8]).trim();
        String arrears = fields.get(index[9]).trim();

        if (!NUMBER.matcher(number).matches()) {
            errors.add(error(line, 0, "must be 1-40 letters, digits or '-', starting with a letter or digit"));
        } else {
            Integer first = seen.putIfAbsent(number, line);
            if (first != null) {
                errors.add(error(line, 0, "repeats the membership number of line " + first));
            }
        }
        required(line, 1, firstName, 200, errors);
        required(line, 2, lastName, 200, errors);
        if (email.length() > 254 || !EMAIL.matcher(email).matches()) {
            errors.add(error(line, 3, "is not an email address"));
        }
        if (!PHONE.matcher(phone).matches()) {
            errors.add(error(line, 4, "may hold only digits, spaces, '+', '(', ')' and '-', at most 30"));
        }
        if (address.length() > 500) {
            errors.add(error(line, 5, "is longer than 500 characters"));
        }
        if (!branches.contains(branch)) {
            errors.add(error(line, 6, branch.isEmpty() ? "is required"
                    : "'" + branch + "' is not a branch of this constituency"));
        }
        LocalDate joined = null;
        try {
            joined = LocalDate.parse(joinedText);
            if (joined.isAfter(today)) {
                errors.add(error(line, 7, "is in the future"));
            }
        } catch (DateTimeParseException e) {
            errors.add(error(line, 7, "must be an ISO date (YYYY-MM-DD)"));
        }
        if (!STATUSES.contains(status)) {
            errors.add(error(line, 8, "must be active, lapsed or suspended"));
        }
        if (!arrears.equals("true") && !arrears.equals("false")) {
            errors.add(error(line, 9, "must be true or false"));
        }
        if (!errors.isEmpty()) {
            return null;
        }
        return new MemberRow(number, firstName, lastName, email, phone.isEmpty() ? null : phone,
                address.isEmpty() ? null : address, branch, joined, status, Boolean.parseBoolean(arrears));
    }

    private static void required(int line, int column, String value, int max, List<ImportReport.RowError> errors) {
        if (value.isEmpty()) {
            errors.add(error(line, column, "is required"));
        } else if (value.length() > max) {
            errors.add(error(line, column, "is longer than " + max + " characters"));
        }
    }

    private static ImportReport.RowError error(int line, int column, String reason) {
        return new ImportReport.RowError(line, COLUMNS.get(column), reason);
    }
}
