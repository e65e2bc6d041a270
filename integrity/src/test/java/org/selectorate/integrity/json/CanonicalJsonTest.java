package org.selectorate.integrity.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * RFC 8785 examples: the test data of cyberphone/json-canonicalization (Apache-2.0, by the RFC's authors,
 * testdata/input and testdata/output) and the number table of RFC 8785 Appendix B.
 */
class CanonicalJsonTest {

    @Test
    void valuesExample() {
        String input = "{\n  \"numbers\": [1E30, 4.50, 333333333.33333329, 2e-3, 0.000000000000000000000000001],\n"
                + "  \"escaping\": \"\\u20ac$\\u000F\\u000aA'\\u0042\\u0022\\u005c\\\\\\\"\\/\",\n"
                + "  \"literals\": [null, true, false]\n}";
        String expected = "{\"escaping\":\"\u20ac$\\u000f\\nA'B\\\"\\\\\\\\\\\"/\",\"literals\":[null,true,false],"
                + "\"numbers\":[1e+30,4.5,333333333.3333333,0.002,1e-27]}";
        assertEquals(expected, CanonicalJson.canonicalize(input));
    }

    @Test
    void structuresExample() {
        String input = "{\n  \"1\": {\"f\": {\"f\": \"hi\",\"F\": 5} ,\"\\n\": 56.0},\n  \"10\": { },\n"
                + "  \"\": \"empty\",\n  \"a\": { },\n  \"111\": [ { } ],\n  \"A\": { }\n}";
        String expected = "{\"\":\"empty\",\"1\":{\"\\n\":56,\"f\":{\"F\":5,\"f\":\"hi\"}},\"10\":{},\"111\":[{}],"
                + "\"A\":{},\"a\":{}}";
        assertEquals(expected, CanonicalJson.canonicalize(input));
    }

    @Test
    void weirdExampleSortsByUtf16CodeUnits() {
        String input = "{\n  \"\\u20ac\": \"Euro Sign\",\n  \"1\": \"One\",\n  \"\\u0080\": \"Control\\u007f\",\n"
                + "  \"\\ud83d\\ude02\": \"Smiley\",\n  \"\\u00f6\": \"Latin Small Letter O With Diaeresis\",\n"
                + "  \"\\ufb33\": \"Hebrew Letter Dalet With Dagesh\",\n  \"</script>\": \"Browser Challenge\"\n}\n";
        String expected = "{\"1\":\"One\",\"</script>\":\"Browser Challenge\",\"\u0080\":\"Control\u007f\","
                + "\"\u00f6\":\"Latin Small Letter O With Diaeresis\",\"\u20ac\":\"Euro Sign\","
                + "\"\ud83d\ude02\":\"Smiley\",\"\ufb33\":\"Hebrew Letter Dalet With Dagesh\"}";
        assertEquals(expected, CanonicalJson.canonicalize(input));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "0000000000000000, 0",
        "8000000000000000, 0",
        "0000000000000001, 5e-324",
        "8000000000000001, -5e-324",
        "7fefffffffffffff, 1.7976931348623157e+308",
        "ffefffffffffffff, -1.7976931348623157e+308",
        "4340000000000000, 9007199254740992",
        "c340000000000000, -9007199254740992",
        "4430000000000000, 295147905179352830000",
        "44b52d02c7e14af5, 9.999999999999997e+22",
        "44b52d02c7e14af6, 1e+23",
        "44b52d02c7e14af7, 1.0000000000000001e+23",
        "444b1ae4d6e2ef4e, 999999999999999700000",
        "444b1ae4d6e2ef4f, 999999999999999900000",
        "444b1ae4d6e2ef50, 1e+21",
        "3eb0c6f7a0b5ed8c, 9.999999999999997e-7",
        "3eb0c6f7a0b5ed8d, 0.000001",
        "41b3de4355555553, 333333333.3333332",
        "41b3de4355555554, 333333333.33333325",
        "41b3de4355555555, 333333333.3333333",
        "41b3de4355555556, 333333333.3333334",
        "41b3de4355555557, 333333333.33333343",
        "becbf647612f3696, -0.0000033333333333333333",
        "43143ff3c1cb0959, 1424953923781206.2",
    })
    void appendixBNumbers(String ieeeHex, String expected) {
        double d = Double.longBitsToDouble(Long.parseUnsignedLong(ieeeHex, 16));
        assertEquals(expected, CanonicalJson.write(d));
    }

    @Test
    void nonFiniteNumbersAndLoneSurrogatesHaveNoCanonicalForm() {
        assertThrows(JsonException.class, () -> CanonicalJson.write(Double.NaN));
        assertThrows(JsonException.class, () -> CanonicalJson.write(Double.POSITIVE_INFINITY));
        assertThrows(JsonException.class, () -> CanonicalJson.write("\ud800"));
        assertThrows(JsonException.class, () -> CanonicalJson.canonicalize("\"\\udfff\""));
        assertThrows(JsonException.class, () -> CanonicalJson.write(1L << 60));
    }

    @Test
    void parserRefusesAmbiguousInput() {
        assertThrows(JsonException.class, () -> Json.parse("{\"a\":1,\"a\":2}"));
        assertThrows(JsonException.class, () -> Json.parse("{\"a\":1} {}"));
        assertThrows(JsonException.class, () -> Json.parse("[1,]"));
        assertThrows(JsonException.class, () -> Json.parse("01"));
        assertThrows(JsonException.class, () -> Json.parse("\"tab\there\""));
        assertThrows(JsonException.class, () -> Json.parse("[".repeat(300) + "]".repeat(300)));
    }

    @Test
    void javaValuesCanonicaliseLikeParsedText() {
        Map<String, Object> value = Map.of("b", List.of(1, 2.5, "x"), "a", true, "c", Map.of());
        assertEquals("{\"a\":true,\"b\":[1,2.5,\"x\"],\"c\":{}}", CanonicalJson.write(value));
        assertEquals(CanonicalJson.write(value), CanonicalJson.canonicalize(CanonicalJson.write(value)));
    }

    @Test
    void randomDoublesRoundTripInAtMostSeventeenDigits() {
        java.util.Random random = new java.util.Random(8785);
        for (int i = 0; i < 10_000; i++) {
            double d = Double.longBitsToDouble(random.nextLong());
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                continue;
            }
            String text = CanonicalJson.write(d);
            assertEquals(d == 0 ? 0.0 : d, Double.parseDouble(text), text);
            String digits = text.replaceFirst("^-", "").replaceFirst("e.*$", "").replace(".", "")
                    .replaceFirst("^0+", "").replaceFirst("0+$", "");
            assertTrue(digits.length() <= 17, text);
        }
    }
}
