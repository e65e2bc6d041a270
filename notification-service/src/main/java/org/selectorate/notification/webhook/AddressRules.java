package org.selectorate.notification.webhook;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Which addresses a webhook may not reach: anything that is not the ordinary public internet, so an integration
 * cannot use the platform to call its internal services or a cloud metadata endpoint (SSRF). Every entry of IANA's
 * IPv4 and IPv6 Special-Purpose Address Registries is refused, the globally reachable ones too (a webhook has no
 * business with an anycast relay or AS112), as are IPv4 multicast and every IPv6 address outside global unicast
 * (2000::/3). IPv6 forms that carry an IPv4 address (mapped, compatible, the NAT64 well-known prefix, 6to4) are
 * judged by the IPv4 address they carry.
 */
final class AddressRules {
    /** One special-purpose block: the addresses whose first {@code bits} bits are {@code prefix}'s. */
    record Block(String prefix, int bits, String rule, byte[] first) {
        Block(String prefix, int bits, String rule) {
            this(prefix, bits, rule, bytes(prefix));
        }

        boolean contains(byte[] address) {
            byte[] p = first;
            if (p.length != address.length) {
                return false;
            }
            for (int bit = 0; bit < bits; bit++) {
                int mask = 0x80 >>> (bit % 8);
                if ((p[bit / 8] & mask) != (address[bit / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public String toString() {
            return prefix + "/" + bits + " (" + rule + ")";
        }
    }

    /** IANA IPv4 Special-Purpose Address Registry, every entry; then multicast (RFC 5771). */
    static final List<Block> IPV4 = List.of(
            new Block("0.0.0.0", 8, "unspecified"),                      // "this network", RFC 791
            new Block("0.0.0.0", 32, "unspecified"),                     // "this host on this network", RFC 1122
            new Block("10.0.0.0", 8, "private"),                         // RFC 1918
            new Block("100.64.0.0", 10, "carrier-grade NAT"),            // shared address space, RFC 6598
            new Block("127.0.0.0", 8, "loopback"),                       // RFC 1122
            new Block("169.254.0.0", 16, "link-local (cloud metadata)"), // RFC 3927
            new Block("172.16.0.0", 12, "private"),                      // RFC 1918
            new Block("192.0.0.0", 24, "reserved for IETF protocols"),   // RFC 6890
            new Block("192.0.0.0", 29, "reserved for IETF protocols"),   // IPv4 service continuity (DS-Lite), RFC 7335
            new Block("192.0.0.8", 32, "reserved for IETF protocols"),   // IPv4 dummy address, RFC 7600
            new Block("192.0.0.9", 32, "anycast"),                       // Port Control Protocol anycast, RFC 7723
            new Block("192.0.0.10", 32, "anycast"),                      // TURN anycast, RFC 8155
            new Block("192.0.0.170", 32, "reserved for IETF protocols"), // NAT64/DNS64 discovery, RFC 7050
            new Block("192.0.0.171", 32, "reserved for IETF protocols"), // NAT64/DNS64 discovery, RFC 7050
            new Block("192.0.2.0", 24, "documentation"),                 // TEST-NET-1, RFC 5737
            new Block("192.31.196.0", 24, "anycast"),                    // AS112-v4, RFC 7535
            new Block("192.52.193.0", 24, "anycast"),                    // AMT, RFC 7450
            new Block("192.88.99.0", 24, "6to4 relay anycast"),          // deprecated, RFC 7526
            new Block("192.168.0.0", 16, "private"),                     // RFC 1918
            new Block("192.175.48.0", 24, "anycast"),                    // direct delegation AS112 service, RFC 7534
            new Block("198.18.0.0", 15, "benchmarking"),                 // RFC 2544
            new Block("198.51.100.0", 24, "documentation"),              // TEST-NET-2, RFC 5737
            new Block("203.0.113.0", 24, "documentation"),               // TEST-NET-3, RFC 5737
            new Block("240.0.0.0", 4, "reserved"),                       // RFC 1112
            new Block("255.255.255.255", 32, "broadcast"),               // limited broadcast, RFC 919
            new Block("224.0.0.0", 4, "multicast"));                     // RFC 5771

    /** IANA IPv6 Special-Purpose Address Registry, every entry; then the deprecated site-local and multicast. */
    static final List<Block> IPV6 = List.of(
            new Block("::1", 128, "loopback"),                              // RFC 4291
            new Block("::", 128, "unspecified"),                            // RFC 4291
            new Block("::ffff:0:0", 96, "IPv4-mapped"),                     // RFC 4291 (judged by its IPv4 first)
            new Block("64:ff9b::", 96, "NAT64"),                            // RFC 6052 (judged by its IPv4 first)
            new Block("64:ff9b:1::", 48, "local-use NAT64"),                // RFC 8215
            new Block("100::", 64, "discard-only"),                         // RFC 6666
            new Block("100:0:0:1::", 64, "dummy"),                          // RFC 9780
            new Block("2001::", 23, "reserved for IETF protocols"),         // RFC 2928
            new Block("2001::", 32, "Teredo"),                              // RFC 4380
            new Block("2001:1::1", 128, "anycast"),                         // Port Control Protocol anycast, RFC 7723
            new Block("2001:1::2", 128, "anycast"),                         // TURN anycast, RFC 8155
            new Block("2001:1::3", 128, "anycast"),                         // DNS-SD service registration, RFC 9665
            new Block("2001:2::", 48, "benchmarking"),                      // RFC 5180
            new Block("2001:3::", 32, "anycast"),                           // AMT, RFC 7450
            new Block("2001:4:112::", 48, "anycast"),                       // AS112-v6, RFC 7535
            new Block("2001:10::", 28, "ORCHID"),                           // deprecated ORCHID, RFC 4843
            new Block("2001:20::", 28, "ORCHID"),                           // ORCHIDv2, RFC 7343
            new Block("2001:30::", 28, "drone remote ID"),                  // DET prefix, RFC 9374
            new Block("2001:db8::", 32, "documentation"),                   // RFC 3849
            new Block("2002::", 16, "6to4"),                                // RFC 3056 (judged by its IPv4 first)
            new Block("2620:4f:8000::", 48, "anycast"),                     // direct delegation AS112, RFC 7534
            new Block("3fff::", 20, "documentation"),                       // RFC 9637
            new Block("5f00::", 16, "segment routing"),                     // SRv6 SIDs, RFC 9602
            new Block("fc00::", 7, "unique-local"),                         // RFC 4193
            new Block("fe80::", 10, "link-local (cloud metadata)"),         // RFC 4291
            new Block("fec0::", 10, "private"),                             // site-local, deprecated by RFC 3879
            new Block("ff00::", 8, "multicast"));                           // RFC 4291

    /** Narrowest first, so a block inside another (Teredo in 2001::/23) gives its own name. */
    private static final Comparator<Block> NARROWEST_FIRST = Comparator.comparingInt(Block::bits).reversed();
    private static final List<Block> IPV4_NARROWEST_FIRST = IPV4.stream().sorted(NARROWEST_FIRST).toList();
    private static final List<Block> IPV6_NARROWEST_FIRST = IPV6.stream().sorted(NARROWEST_FIRST).toList();

    private AddressRules() {
    }

    /** Why {@code address} is refused ("loopback", "benchmarking", ...), or null if it is public. */
    static String refusal(InetAddress address) {
        byte[] b = address.getAddress();
        return b.length == 4 ? ipv4(b) : ipv6(b);
    }

    private static String ipv4(byte[] b) {
        return rule(IPV4_NARROWEST_FIRST, b);
    }

    private static String ipv6(byte[] b) {
        byte[] embedded = embeddedIpv4(b);
        if (embedded != null) {
            String carried = ipv4(embedded);
            if (carried != null) {
                return carried;
            }
            // 6to4 is deprecated (RFC 7526) and its relays are anyone's: refused whatever it carries.
            return (b[0] & 0xff) == 0x20 && (b[1] & 0xff) == 0x02 ? "6to4" : null;
        }
        String rule = rule(IPV6_NARROWEST_FIRST, b);
        if (rule != null) {
            return rule;
        }
        return (b[0] & 0xe0) == 0x20 ? null : "not global unicast";
    }

    private static String rule(List<Block> blocks, byte[] address) {
        for (Block block : blocks) {
            if (block.contains(address)) {
                return block.rule();
            }
        }
        return null;
    }

    /**
     * The IPv4 address inside ::ffff:a.b.c.d (mapped), ::a.b.c.d (compatible), 64:ff9b::a.b.c.d (NAT64 well-known
     * prefix) or 2002:AABB:CCDD::/48 (6to4).
     */
    private static byte[] embeddedIpv4(byte[] b) {
        boolean zeroes = allZero(b, 0, 10);
        boolean mapped = zeroes && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
        // :: and ::1 are themselves, not compatible forms of 0.0.0.0 and 0.0.0.1
        boolean compatible = zeroes && b[10] == 0 && b[11] == 0 && !(allZero(b, 12, 15) && (b[15] & 0xfe) == 0);
        boolean nat64 = (b[0] & 0xff) == 0x00 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff
                && (b[3] & 0xff) == 0x9b && allZero(b, 4, 12);
        if (mapped || compatible || nat64) {
            return Arrays.copyOfRange(b, 12, 16);
        }
        boolean sixToFour = (b[0] & 0xff) == 0x20 && (b[1] & 0xff) == 0x02;
        return sixToFour ? Arrays.copyOfRange(b, 2, 6) : null;
    }

    /**
     * A literal's bytes, 16 for any IPv6 literal: Java turns ::ffff:a.b.c.d into an Inet4Address. Literals are
     * parsed, never looked up.
     */
    static byte[] bytes(String literal) {
        try {
            byte[] b = InetAddress.getByName(literal).getAddress();
            if (b.length == 4 && literal.indexOf(':') >= 0) {
                byte[] mapped = new byte[16];
                mapped[10] = (byte) 0xff;
                mapped[11] = (byte) 0xff;
                System.arraycopy(b, 0, mapped, 12, 4);
                return mapped;
            }
            return b;
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException("not an address literal: " + literal, e);
        }
    }

    private static boolean allZero(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }

    /** For messages: an address as written, without the host name Java may carry with it. */
    static String literal(InetAddress address) {
        return address instanceof Inet4Address ? address.getHostAddress() : "[" + address.getHostAddress() + "]";
    }
}
