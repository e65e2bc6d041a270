package org.selectorate.tally.record;

/**
 * Example values of the API contract: one online vote on the demo selection's final ballot and the record's final
 * signed tree head. They hold together as the real ones do: the tracker is the token's, the leaf hash the entry's,
 * the proof leads from it to the root, and the head's signature verifies with the record key (the key pair was
 * made for the examples and its private half thrown away). The header hash stands for a header not shown, and the
 * credential signature has the right form and length but is no real key's.
 */
public final class RecordExamples {
    public static final String BALLOT_ID = "0b1e4c9a-4f6e-4c1e-9a8d-3f2b7c6d5e4f";
    public static final String TOKEN = "HkqkV58RgXYhZVb_lW6MMofvqrfPN9XgvuUVunmq4O4";
    public static final String PREFIX = "LQTZRnZlvldv4s-EHXdnHk65toxqEkYD9bzLGWVdv3Q";
    public static final String CREDENTIAL_SIGNATURE =
            "FPkjZTjjochK9ESlddXgr74Ytb1MnK_itD9cfY3waiNRfi93UntlRW3nXNPxaxZqcFW6CmE-GYeU8XAPnzZhVUxuuPWhOFYj"
            + "5kULub7otcsVw-fNxh2EB8-xStj_Eg4EWnOPROmBH80jdAUux3mZriNaoG8cgzVB6TIbiwYnCBShDkUDkpA26zrE1_Prs3OQ"
            + "TOf2l9t2SCFXg938vLA59YmOBsKPndxvRTRqicp7dyo2pkNcOCVCtLdO_t2jv2ZLj8IJz3NyULyX37grI2F7Ibr2y8q8vhUV"
            + "XmFPn7d0CwsIi6Ho3WUNb57rTcoF5udT0Q2WP5nH9EU-f0JZY2BLEw";
    public static final String TRACKER = "D05J-DTZS-YG9H-91T9";
    public static final String VOTE = "[\"Asha Patel\", \"Mei Chen\"]";
    public static final String LEAF_HASH = "fa6258ffe7c386c9b2163d75548e3a0975f45a5f532c0416c747a49e35f60cb9";
    /** The entry as the record holds it (its leaf is the RFC 8785 form of this). */
    public static final String LEAF = "{\"channel\": \"online\", \"credential\": {\"prefix\": \"" + PREFIX
            + "\", \"signature\": \"" + CREDENTIAL_SIGNATURE + "\"}, \"seq\": 341, \"token\": \"" + TOKEN
            + "\", \"tracker\": \"" + TRACKER + "\", \"vote\": " + VOTE + "}";
    /** The audit path of entry 341 in the final tree of 1,042 entries, leaf to root. */
    public static final String PROOF = "["
            + "\"29fbc062adc8c1d9dc12d74e2217127678d70278442f891dc6ff3e11c418e2b2\", "
            + "\"84f8938c58bd1180f417031af0af79ff9a67a256e393cefb3093547810092ef8\", "
            + "\"38819b8e0bd7db519fbc8a67d9528dfc6c5c013617ab8cbe28bb69572ea41b7a\", "
            + "\"7aff04d777fa0a2fade72eb87d5c6852940dac05cbc88e4bb5ee78050d089304\", "
            + "\"1e48076505757deccbefc014c70b4f543e92d0ea5b9e6946f75c0e2a8e94782f\", "
            + "\"3ef239f4c9b001b3f5b075d19dc7ba685dda5f1c0a17666395a9023cd75824b6\", "
            + "\"c4360f0e116b411a0885badf68b09c03742f2c9afeefcab4908e7d46a7eadfe5\", "
            + "\"e8cc2946e5a5fdea4c13d56f3ae66966b7b49e498157faab65f3d1972c6e06db\", "
            + "\"bc7edf83223034ec2eadaaa4fd50b492b2a1a8ba1d1938dd2149dd5d0012c571\", "
            + "\"5221c3cbe6bc31d4dc9910af40b438727b87ab1dd9e69ab76a09a4ddaada0455\", "
            + "\"f2f8b59a379fc6ce18fce0d3acf211431ac90a8ef15f203d6895efa08ee69a8e\""
            + "]";
    /** The record's Ed25519 public key, base64url of its 32 raw bytes. */
    public static final String RECORD_KEY = "utTS_mw8w7SN0pyAh7oAiFtqL4tFUyXaOXyD6WNIUFI";
    public static final String TREE_SIZE = "1042";
    public static final String ROOT_HASH = "a19db882511b240ca112cbbdf38f29add095a9a6133d06f575266efa1bf45f5e";
    public static final String CHAIN_HASH = "f428e5c1b16030def0acf699d63404f1c3df125eb571469e1f088b3862d697e7";
    public static final String HEADER_HASH = "7c1fafe9ec83795e933dd34bee1c1dccfd1066d0c37d09e51b1f585ceed7048c";
    public static final String TIMESTAMP = "2026-12-14T17:05:00Z";
    public static final String HEAD_SIGNATURE =
            "Ox99vZGNZj-6v-riTJ2FzoVDC6wLJiThfklo9rwiAk48cFHpOVKXQHa7A4N2wK_h6X6fFsf-A_BoIkBTMZl_Cw";

    /** The example ballot's entries as BLT: identical rankings merged, whatever their channel. */
    public static final String BLT = """
            3 1
            478 1 3 0
            391 2 0
            96 3 1 0
            58 3 2 0
            19 3 0
            0
            "Asha Patel"
            "Tom Reid"
            "Mei Chen"
            "Selection of the parliamentary candidate for NW-001"
            """;

    private RecordExamples() {
    }
}
