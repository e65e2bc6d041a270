package org.selectorate.notification.webhook;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.Arrays;

/**
 * Which addresses a webhook may not reach: anything that is not the public internet, so an integration cannot use
 * the platform to call its internal services or a cloud metadata endpoint (SSRF). IPv6 forms that carry an IPv4
 * address (mapped, compatible, NAT64) are judged by the IPv4 address they carry.
 */
final class AddressRules {
    private AddressRules() {
    }

    /** Why {@code address} is refused ("loopback", "link-local", ...), or null if it is public. */
    static String refusal(InetAddress address) {
        byte[] b = address.getAddress();
        return b.length == 4 ? ipv4(b) : ipv6(b);
    }

    private static String ipv4(byte[] b) {
        int a0 = b[0] & 0xff;
        int a1 = b[1] & 0xff;
        if (a0 == 0) {
            return "unspecified";
        }
        if (a0 == 127) {
            return "loopback";
        }
        if (a0 == 169 && a1 == 254) {
            return "link-local (cloud metadata)";
        }
        if (a0 == 10 || (a0 == 172 && (a1 & 0xf0) == 16) || (a0 == 192 && a1 == 168)) {
            return "private";
        }
        if (a0 == 100 && (a1 & 0xc0) == 64) {
            return "carrier-grade NAT";
        }
        if ((a0 & 0xf0) == 224) {
            return "multicast";
        }
        return null;
    }

    private static String ipv6(byte[] b) {
        byte[] embedded = embeddedIpv4(b);
        if (embedded != null) {
            return ipv4(embedded);
        }
        if (Arrays.equals(b, new byte[16])) {
            return "unspecified";
        }
        if (isLoopback(b)) {
            return "loopback";
        }
        int b0 = b[0] & 0xff;
        int b1 = b[1] & 0xff;
        if (b0 == 0xfe && (b1 & 0xc0) == 0x80) {
            return "link-local (cloud metadata)";
        }
        if (b0 == 0xfe && (b1 & 0xc0) == 0xc0) {
            return "private";
        }
        if ((b0 & 0xfe) == 0xfc) {
            return "unique-local";
        }
        if (b0 == 0xff) {
            return "multicast";
        }
        return null;
    }

    /** The IPv4 address inside ::ffff:a.b.c.d (mapped), ::a.b.c.d (compatible) or 64:ff9b::a.b.c.d (NAT64). */
    private static byte[] embeddedIpv4(byte[] b) {
        boolean zeroes = allZero(b, 0, 10);
        boolean mapped = zeroes && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
        // :: and ::1 are themselves, not compatible forms of 0.0.0.0 and 0.0.0.1
        boolean compatible = zeroes && b[10] == 0 && b[11] == 0 && !(allZero(b, 12, 15) && (b[15] & 0xfe) == 0);
        boolean nat64 = (b[0] & 0xff) == 0x00 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff
                && (b[3] & 0xff) == 0x9b && allZero(b, 4, 12);
        return mapped || compatible || nat64 ? Arrays.copyOfRange(b, 12, 16) : null;
    }

    private static boolean isLoopback(byte[] b) {
        return allZero(b, 0, 15) && b[15] == 1;
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
