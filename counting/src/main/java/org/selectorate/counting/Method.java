package org.selectorate.counting;

/** The counts this library performs, by the names the command line uses. */
public enum Method {
    FPTP("fptp"),
    APPROVAL("approval"),
    AV("av"),
    STV_SCOTTISH("stv-scottish"),
    STV_MEEK("stv-meek"),
    STV_ERS97("stv-ers97");

    private final String label;

    Method(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public static Method of(String label) {
        for (Method m : values()) {
            if (m.label.equals(label)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown method '" + label + "'");
    }
}
