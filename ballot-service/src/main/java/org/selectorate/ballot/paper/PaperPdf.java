package org.selectorate.ballot.paper;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.selectorate.ballot.selection.BallotRules;
import org.selectorate.integrity.paper.PaperNumber;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Printable papers (Apache PDFBox): a postal pack is a ballot paper, the declaration and the return instructions;
 * a meeting's paper is the ballot paper alone. Made in memory for the response and never stored: the paper number
 * and the member are together only on the page. Text outside the standard fonts' Latin-1 range prints as '?'.
 */
final class PaperPdf {
    // Per document: a font's width and encoding caches are not for sharing between threads.
    private final PDType1Font regular = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
    private final PDType1Font bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
    private static final float MARGIN = 56;
    private static final float WIDTH = PDRectangle.A4.getWidth() - 2 * MARGIN;
    private static final DateTimeFormatter CLOSE = DateTimeFormatter.ofPattern("d MMMM yyyy, HH:mm 'UTC'", Locale.UK)
            .withZone(ZoneOffset.UTC);

    /** What every paper of a ballot shows. */
    record Ballot(String title, List<String> candidates, BallotRules rules, Instant closesAt) {
    }

    /** One member's pack: the declaration names them, the paper does not. */
    record Pack(PaperNumber paper, String declarationNumber, String name, String address) {
    }

    private PaperPdf() {
    }

    static byte[] postalPacks(Ballot ballot, List<Pack> packs) {
        PaperPdf pdf = new PaperPdf();
        return document(doc -> {
            for (Pack pack : packs) {
                pdf.paper(doc, ballot, pack.paper(), "Put this paper, unfolded, in the ballot paper envelope (B) and seal it.");
                pdf.declaration(doc, ballot, pack);
            }
        });
    }

    static byte[] meetingPapers(Ballot ballot, List<PaperNumber> papers) {
        PaperPdf pdf = new PaperPdf();
        return document(doc -> {
            for (PaperNumber paper : papers) {
                pdf.paper(doc, ballot, paper, "Fold this paper and put it in the ballot box at the meeting.");
            }
        });
    }

    private interface Pages {
        void write(PDDocument doc) throws IOException;
    }

    private static byte[] document(Pages pages) {
        try (PDDocument doc = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            pages.write(doc);
            doc.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("the papers could not be printed", e);
        }
    }

    private void paper(PDDocument doc, Ballot ballot, PaperNumber number, String then) throws IOException {
        try (Page p = new Page(doc)) {
            p.line(bold, 18, "BALLOT PAPER");
            p.line(bold, 13, ballot.title());
            p.gap(6);
            p.line(regular, 11, "Paper number: " + number.grouped());
            p.gap(10);
            p.wrapped(regular, 11, howToMark(ballot.rules()));
            p.gap(10);
            for (String candidate : ballot.candidates()) {
                p.candidate(candidate);
            }
            p.gap(10);
            p.wrapped(regular, 11, then + " Do not write your name or anything else on it.");
        }
    }

    private void declaration(PDDocument doc, Ballot ballot, Pack pack) throws IOException {
        try (Page p = new Page(doc)) {
            p.line(bold, 18, "DECLARATION OF IDENTITY");
            p.line(bold, 13, ballot.title());
            p.gap(6);
            p.line(regular, 11, "Declaration number: " + pack.declarationNumber());
            p.gap(10);
            p.line(regular, 11, "Member: " + pack.name());
            p.line(regular, 11, "Address held at the freeze of the roll:");
            for (String line : pack.address().split("\\R|,")) {
                if (!line.isBlank()) {
                    p.line(regular, 11, "    " + line.strip());
                }
            }
            p.gap(10);
            p.wrapped(regular, 11, "I declare that I am the member named above, to whom this ballot paper was sent, "
                    + "and that I have not voted, and will not vote, in this ballot by any other means.");
            p.gap(24);
            p.line(regular, 11, "Signature: ______________________________     Date: ______________");
            p.gap(20);
            p.line(bold, 13, "HOW TO RETURN YOUR VOTE");
            p.wrapped(regular, 11, "1. Mark the ballot paper as it explains, put it in envelope B and seal it.");
            p.wrapped(regular, 11, "2. Sign and date this declaration. A return without a signed declaration is "
                    + "rejected and its paper is not counted.");
            p.wrapped(regular, 11, "3. Put envelope B and this declaration in the return envelope (A) and post it "
                    + "to the returning officer, to arrive before " + CLOSE.format(ballot.closesAt())
                    + ". A return that arrives later is rejected.");
            p.wrapped(regular, 11, ballot.rules().marksOnIssue()
                    ? "4. You have been issued a postal vote: you cannot also vote online or at a meeting."
                    : "4. If you vote online or at a meeting before your return arrives, your postal vote is "
                    + "rejected: each member votes once.");
        }
    }

    static String howToMark(BallotRules rules) {
        String rank = "Put the number 1 in the box next to the candidate you like best, 2 next to your second "
                + "choice, and so on. Number as many or as few candidates as you wish; use each number once.";
        return "av".equals(rules.method())
                ? "One candidate will be elected (alternative vote). " + rank
                : rules.seats() + (rules.seats() == 1 ? " candidate" : " candidates") + " will be elected (single "
                + "transferable vote, " + rules.method() + "). " + rank;
    }

    /** A page written top down. */
    private final class Page implements AutoCloseable {
        private final PDPageContentStream out;
        private float y = PDRectangle.A4.getHeight() - MARGIN;

        Page(PDDocument doc) throws IOException {
            PDPage page = new PDPage(PDRectangle.A4);
            doc.addPage(page);
            out = new PDPageContentStream(doc, page);
        }

        void line(PDType1Font font, float size, String text) throws IOException {
            y -= size * 1.4f;
            out.beginText();
            out.setFont(font, size);
            out.newLineAtOffset(MARGIN, y);
            out.showText(printable(font, text));
            out.endText();
        }

        void wrapped(PDType1Font font, float size, String text) throws IOException {
            for (String line : wrap(font, size, printable(font, text))) {
                line(font, size, line);
            }
        }

        void gap(float points) {
            y -= points;
        }

        void candidate(String name) throws IOException {
            y -= 26;
            out.addRect(MARGIN, y - 6, 22, 22);
            out.stroke();
            out.beginText();
            out.setFont(regular, 12);
            out.newLineAtOffset(MARGIN + 34, y);
            out.showText(printable(regular, name));
            out.endText();
        }

        @Override
        public void close() throws IOException {
            out.close();
        }
    }

    private static List<String> wrap(PDType1Font font, float size, String text) throws IOException {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            String next = line.isEmpty() ? word : line + " " + word;
            if (!line.isEmpty() && font.getStringWidth(next) / 1000 * size > WIDTH) {
                lines.add(line.toString());
                line = new StringBuilder(word);
            } else {
                line = new StringBuilder(next);
            }
        }
        if (!line.isEmpty()) {
            lines.add(line.toString());
        }
        return lines;
    }

    /** The text as the font can show it: control characters become spaces, what it cannot encode '?'. */
    private static String printable(PDType1Font font, String text) {
        StringBuilder out = new StringBuilder();
        text.codePoints().forEach(cp -> {
            String c = Character.isISOControl(cp) ? " " : new String(Character.toChars(cp));
            try {
                font.encode(c);
                out.append(c);
            } catch (IllegalArgumentException | IOException e) {
                out.append('?');
            }
        });
        return out.toString();
    }
}
