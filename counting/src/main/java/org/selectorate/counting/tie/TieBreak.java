package org.selectorate.counting.tie;

import java.util.List;
import java.util.Objects;

/**
 * How a tie is broken; published with the result so anyone can repeat it.
 *
 * @param mode the rule
 * @param precedence for {@link Mode#ORDER}: candidates from most to least favoured (the last one
 *     loses a tie for exclusion); empty for other modes
 * @param seed the published seed of the lot, used by {@link Mode#RANDOM} and as the final resort of
 *     {@link Mode#BACKWARDS} and {@link Mode#FORWARDS}
 */
public record TieBreak(Mode mode, List<String> precedence, long seed) {
    public TieBreak {
        Objects.requireNonNull(mode);
        precedence = List.copyOf(precedence);
        if (mode == Mode.ORDER && precedence.isEmpty()) {
            throw new IllegalArgumentException("tie-break 'order' needs a precedence list");
        }
    }

    public static TieBreak backwards(long seed) {
        return new TieBreak(Mode.BACKWARDS, List.of(), seed);
    }

    public static TieBreak forwards(long seed) {
        return new TieBreak(Mode.FORWARDS, List.of(), seed);
    }

    public static TieBreak random(long seed) {
        return new TieBreak(Mode.RANDOM, List.of(), seed);
    }

    public static TieBreak order(List<String> mostFavouredFirst) {
        return new TieBreak(Mode.ORDER, mostFavouredFirst, 0);
    }

    /**
     * The tie-break a rulebook or record names ({@code backwards}, {@code forwards}, {@code random}, {@code order});
     * any other name reads as {@code order}, whose {@code precedence} is then required.
     */
    public static TieBreak named(String name, long seed, List<String> precedence) {
        return switch (name) {
            case "backwards" -> backwards(seed);
            case "forwards" -> forwards(seed);
            case "random" -> random(seed);
            default -> order(precedence);
        };
    }

    public enum Mode {
        /** The latest earlier stage at which the tied candidates differ decides; then a lot. */
        BACKWARDS,
        /** The earliest stage at which the tied candidates differ decides; then a lot. */
        FORWARDS,
        /** A fixed precedence list decides. */
        ORDER,
        /** A lot decides straight away. */
        RANDOM
    }
}
