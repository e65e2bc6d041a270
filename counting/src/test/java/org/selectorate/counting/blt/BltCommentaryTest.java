package org.selectorate.counting.blt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.selectorate.counting.io.FormatException;

/** Commentary after the title, as ERBS's validation files carry, is read past with a warning per line. */
class BltCommentaryTest {
    private static final String ERBS_STYLE = """
            4 2
            3 1 2 0
            2 2 3 0
            1 4 0
            0
            "Anne"
            "Brian"
            "Chris"
            "Debbie"
            "Validation election 3"
            "ERBS test data: surplus transfer then exclusion"

            Expected result: Anne, Brian elected at stage 3
            """;

    @Test
    void linesAfterTheTitleAreIgnoredWithAWarningNamingLineAndText() {
        BltFile file = BltReader.read(ERBS_STYLE);
        assertEquals("Validation election 3", file.election().title());
        assertEquals(List.of("Anne", "Brian", "Chris", "Debbie"), file.election().candidates());
        assertEquals(6, file.election().totalBallots());
        assertEquals(List.of(new BltWarning(11, "\"ERBS test data: surplus transfer then exclusion\""),
                new BltWarning(13, "Expected result: Anne, Brian elected at stage 3")), file.warnings());
        assertEquals("line 13: ignored after the title: Expected result: Anne, Brian elected at stage 3",
                file.warnings().get(1).message());
    }

    @Test
    void aFileWithNothingAfterTheTitleHasNoWarnings() {
        assertEquals(List.of(), BltReader.read(ERBS_STYLE.substring(0, ERBS_STYLE.indexOf("\"ERBS"))).warnings());
    }

    @Test
    void textBeforeTheTitleIsStillRefused() {
        FormatException e = assertThrows(FormatException.class,
                () -> BltReader.read(ERBS_STYLE.replace("\"Debbie\"", "Debbie")));
        assertEquals(9, e.line());
    }

    @Test
    void aTieLineWrittenIsReadBack() {
        BltFile file = BltReader.read(ERBS_STYLE);
        String written = BltWriter.write(file.election(), List.of("Chris", "Anne", "Brian", "Debbie"));
        assertEquals(List.of("Chris", "Anne", "Brian", "Debbie"), BltReader.read(written).tieOrder());
        assertEquals(file.election().ballots().size(), BltReader.read(written).election().ballots().size());
    }
}
