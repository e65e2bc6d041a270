package org.selectorate.membership.members;

import org.junit.jupiter.api.Test;
import org.selectorate.support.problem.ProblemException;

import java.io.StringReader;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MemberCsvTest {
    private static final String HEADER = String.join(",", MemberCsv.COLUMNS) + "\n";
    private static final LocalDate TODAY = LocalDate.of(2026, 1, 1);

    private static MemberCsv.Parsed parse(String text) {
        return MemberCsv.parse(new StringReader(text), Set.of("B1", "B2"), TODAY);
    }

    @Test
    void quotedFieldsMayHoldCommasQuotesAndLineBreaks() {
        MemberCsv.Parsed parsed = parse(HEADER
                + "M1,Ann,Lee,ann@x.org,+44 1234,\"1 High St, \"\"Flat\"\" 2\nTown\",B1,2020-01-31,active,false\r\n"
                + "\n"
                + "M2,Bo,Ray,bo@x.org,,,B2,2019-05-01,lapsed,true\n");
        assertEquals(2, parsed.rows());
        assertEquals(0, parsed.rejected());
        MemberRow first = parsed.valid().get(0);
        assertEquals("1 High St, \"Flat\" 2\nTown", first.address());
        assertEquals(LocalDate.of(2020, 1, 31), first.joined());
        assertEquals(null, parsed.valid().get(1).phone());
        assertTrue(parsed.valid().get(1).arrears());
    }

    @Test
    void columnsMayComeInAnyOrder() {
        MemberCsv.Parsed parsed = parse("\uFEFFarrears,status,joined,branch,address,phone,email,last_name,first_name,"
                + "membership_number\nfalse,active,2020-01-01,B1,,,a@x.org,Lee,Ann,M1\n");
        assertEquals(List.of("M1"), parsed.valid().stream().map(MemberRow::membershipNumber).toList());
    }

    @Test
    void everyBadFieldOfEveryRowIsReportedWithItsLine() {
        MemberCsv.Parsed parsed = parse(HEADER
                + "M1,Ann,Lee,ann@x.org,,,B1,2020-01-01,active,false\n"
                + "M 2,,Lee,not-an-email,,,B9,2020-13-01,gone,maybe\n"
                + "M1,Cy,Lee,cy@x.org,,,B1,2027-01-01,active,false\n"
                + "M4,too,few\n");
        assertEquals(4, parsed.rows());
        assertEquals(3, parsed.rejected());
        assertEquals(1, parsed.valid().size());
        List<String> errors = parsed.errors().stream().map(e -> e.line() + ":" + e.field()).toList();
        assertEquals(List.of("3:membership_number", "3:first_name", "3:email", "3:branch", "3:joined", "3:status",
                "3:arrears", "4:membership_number", "4:joined", "5:row"), errors);
        assertTrue(parsed.errors().get(7).reason().contains("line 2"));
    }

    @Test
    void anUnclosedQuoteRejectsTheRestOfTheFile() {
        MemberCsv.Parsed parsed = parse(HEADER + "M1,\"Ann,Lee,ann@x.org,,,B1,2020-01-01,active,false\n");
        assertEquals(1, parsed.rejected());
        assertEquals("row", parsed.errors().get(0).field());
    }

    @Test
    void aBadHeaderRefusesTheWholeFile() {
        ProblemException e = assertThrows(ProblemException.class,
                () -> parse("membership_number,first_name,surname\n"));
        assertTrue(e.problem().errors().contains("header: unknown column 'surname'"));
        assertTrue(e.problem().errors().contains("header: missing column 'email'"));
        assertThrows(ProblemException.class, () -> parse(""));
    }
}
