package org.selectorate.notification.webhook;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.InetAddress;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The address rules on literal addresses (no DNS is involved in parsing a literal). */
class AddressRulesTest {
    @ParameterizedTest
    @CsvSource({
            "127.0.0.1, loopback",
            "127.255.0.9, loopback",
            "::1, loopback",
            "169.254.169.254, link-local (cloud metadata)",
            "169.254.0.1, link-local (cloud metadata)",
            "fe80::1, link-local (cloud metadata)",
            "febf::1, link-local (cloud metadata)",
            "10.0.0.1, private",
            "10.255.255.255, private",
            "172.16.0.1, private",
            "172.31.255.254, private",
            "192.168.1.1, private",
            "fec0::1, private",
            "100.64.0.1, carrier-grade NAT",
            "100.127.255.254, carrier-grade NAT",
            "fc00::1, unique-local",
            "fd00:ec2::254, unique-local",
            "224.0.0.1, multicast",
            "239.255.255.250, multicast",
            "ff02::1, multicast",
            "0.0.0.0, unspecified",
            "0.1.2.3, unspecified",
            "::, unspecified",
            "::ffff:127.0.0.1, loopback",
            "::ffff:169.254.169.254, link-local (cloud metadata)",
            "::ffff:10.1.2.3, private",
            "::ffff:192.168.0.1, private",
            "::ffff:100.64.1.1, carrier-grade NAT",
            "::ffff:0.0.0.0, unspecified",
            "::ffff:7f00:1, loopback",
            "::127.0.0.1, loopback",
            "::10.0.0.1, private",
            "64:ff9b::a9fe:a9fe, link-local (cloud metadata)",
            "64:ff9b::192.168.0.1, private",
            "fbff::1, not global unicast",
            "fe00::1, not global unicast",
            "4000::1, not global unicast",
            "5f01::1, not global unicast",
            "::ffff:0:0:1, not global unicast",
    })
    void refused(String address, String rule) throws Exception {
        assertEquals(rule, AddressRules.refusal(InetAddress.getByName(address)), address);
    }

    /** Each entry of IANA's IPv4 Special-Purpose Address Registry, an address inside it, and the rule given. */
    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "0.0.0.0/8 this network, 0.12.34.56, unspecified",
            "0.0.0.0/32 this host on this network, 0.0.0.0, unspecified",
            "10.0.0.0/8 private-use, 10.20.30.40, private",
            "100.64.0.0/10 shared address space, 100.100.100.200, carrier-grade NAT",
            "127.0.0.0/8 loopback, 127.0.0.53, loopback",
            "169.254.0.0/16 link local, 169.254.170.2, link-local (cloud metadata)",
            "172.16.0.0/12 private-use, 172.20.0.1, private",
            "192.0.0.0/24 IETF protocol assignments, 192.0.0.200, reserved for IETF protocols",
            "192.0.0.0/29 IPv4 service continuity prefix, 192.0.0.2, reserved for IETF protocols",
            "192.0.0.8/32 IPv4 dummy address, 192.0.0.8, reserved for IETF protocols",
            "192.0.0.9/32 port control protocol anycast, 192.0.0.9, anycast",
            "192.0.0.10/32 TURN anycast, 192.0.0.10, anycast",
            "192.0.0.170/32 NAT64/DNS64 discovery, 192.0.0.170, reserved for IETF protocols",
            "192.0.0.171/32 NAT64/DNS64 discovery, 192.0.0.171, reserved for IETF protocols",
            "192.0.2.0/24 documentation (TEST-NET-1), 192.0.2.10, documentation",
            "192.31.196.0/24 AS112-v4, 192.31.196.1, anycast",
            "192.52.193.0/24 AMT, 192.52.193.1, anycast",
            "192.88.99.0/24 deprecated 6to4 relay anycast, 192.88.99.1, 6to4 relay anycast",
            "192.168.0.0/16 private-use, 192.168.178.1, private",
            "192.175.48.0/24 direct delegation AS112 service, 192.175.48.6, anycast",
            "198.18.0.0/15 benchmarking, 198.18.0.1, benchmarking",
            "198.18.0.0/15 benchmarking (second half), 198.19.255.254, benchmarking",
            "198.51.100.0/24 documentation (TEST-NET-2), 198.51.100.7, documentation",
            "203.0.113.0/24 documentation (TEST-NET-3), 203.0.113.99, documentation",
            "240.0.0.0/4 reserved, 240.0.0.1, reserved",
            "240.0.0.0/4 reserved (top), 254.255.255.254, reserved",
            "255.255.255.255/32 limited broadcast, 255.255.255.255, broadcast",
            "224.0.0.0/4 multicast (RFC 5771), 233.252.0.1, multicast",
    })
    void everyIpv4SpecialPurposeBlockIsRefused(String entry, String address, String rule) throws Exception {
        assertEquals(rule, AddressRules.refusal(InetAddress.getByName(address)), entry);
    }

    /** Each entry of IANA's IPv6 Special-Purpose Address Registry, an address inside it, and the rule given. */
    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "::1/128 loopback, ::1, loopback",
            "::/128 unspecified, ::, unspecified",
            "::ffff:0:0/96 IPv4-mapped (of a private address), ::ffff:172.16.5.4, private",
            "64:ff9b::/96 NAT64 well-known prefix (of a private address), 64:ff9b::10.0.0.7, private",
            "64:ff9b::/96 NAT64 well-known prefix (of a benchmarking address), 64:ff9b::198.18.3.4, benchmarking",
            "64:ff9b:1::/48 local-use NAT64, 64:ff9b:1:0:0:0:a00:1, local-use NAT64",
            "64:ff9b:1::/48 local-use NAT64 (of a public address), 64:ff9b:1::808:808, local-use NAT64",
            "100::/64 discard-only, 100::1, discard-only",
            "100:0:0:1::/64 dummy prefix, 100:0:0:1::5, dummy",
            "2001::/23 IETF protocol assignments, 2001:100::1, reserved for IETF protocols",
            "2001::/32 Teredo, 2001:0:4136:e378:8000:63bf:3fff:fdd2, Teredo",
            "2001:1::1/128 port control protocol anycast, 2001:1::1, anycast",
            "2001:1::2/128 TURN anycast, 2001:1::2, anycast",
            "2001:1::3/128 DNS-SD service registration anycast, 2001:1::3, anycast",
            "2001:2::/48 benchmarking, 2001:2::1, benchmarking",
            "2001:2::/48 benchmarking (top), 2001:2:0:ffff:ffff:ffff:ffff:ffff, benchmarking",
            "2001:3::/32 AMT, 2001:3::1, anycast",
            "2001:4:112::/48 AS112-v6, 2001:4:112::1, anycast",
            "2001:10::/28 deprecated ORCHID, 2001:10::1, ORCHID",
            "2001:20::/28 ORCHIDv2, 2001:2f::1, ORCHID",
            "2001:30::/28 drone remote ID entity tags, 2001:30::1, drone remote ID",
            "2001:db8::/32 documentation, 2001:db8::1, documentation",
            "2002::/16 6to4 (of a private address), 2002:c0a8:101::1, private",
            "2002::/16 6to4 (of loopback), 2002:7f00:1::, loopback",
            "2002::/16 6to4 (of a public address), 2002:808:808::1, 6to4",
            "2620:4f:8000::/48 direct delegation AS112 service, 2620:4f:8000::1, anycast",
            "3fff::/20 documentation, 3fff:fff::1, documentation",
            "5f00::/16 segment routing SIDs, 5f00:1::1, segment routing",
            "fc00::/7 unique-local, fd12:3456::1, unique-local",
            "fe80::/10 link-local unicast, fe80::a9fe:a9fe, link-local (cloud metadata)",
            "fec0::/10 site-local (deprecated), fec0::1, private",
            "ff00::/8 multicast, ff05::2, multicast",
    })
    void everyIpv6SpecialPurposeBlockIsRefused(String entry, String address, String rule) throws Exception {
        assertEquals(rule, AddressRules.refusal(ipv6(address)), entry);
    }

    /** Whatever the table holds, the first and last address of every block are refused. */
    @ParameterizedTest
    @MethodSource("blocks")
    void bothEndsOfEveryBlockAreRefused(AddressRules.Block block) throws Exception {
        byte[] first = AddressRules.bytes(block.prefix());
        byte[] last = first.clone();
        for (int bit = block.bits(); bit < last.length * 8; bit++) {
            last[bit / 8] |= (byte) (0x80 >>> (bit % 8));
        }
        for (byte[] b : List.of(first, last)) {
            InetAddress address = InetAddress.getByAddress(b);
            assertNotNull(AddressRules.refusal(address), block + ": " + address);
        }
    }

    static List<AddressRules.Block> blocks() {
        return java.util.stream.Stream.concat(AddressRules.IPV4.stream(), AddressRules.IPV6.stream()).toList();
    }

    @ParameterizedTest
    @ValueSource(strings = {"198.17.255.255", "198.20.0.0", "192.0.1.255", "192.0.3.0", "198.51.99.255",
            "203.0.112.255", "203.0.114.0", "192.88.98.255", "2001:200::1", "2001:db7:ffff::1",
            "2001:db9::1", "2003::1", "3ffe::1", "3fff:1000::1", "2c0f:f248::1", "2a00:1450:4001::1"})
    void neighboursOfTheBlocksAreAdmitted(String address) throws Exception {
        assertNull(AddressRules.refusal(ipv6(address)), address);
    }

    /** An IPv6 literal as its 16 bytes, even the IPv4-mapped ones that InetAddress.getByName makes IPv4. */
    private static InetAddress ipv6(String literal) throws Exception {
        byte[] b = AddressRules.bytes(literal);
        return b.length == 16 ? java.net.Inet6Address.getByAddress(null, b, -1) : InetAddress.getByAddress(b);
    }

    @ParameterizedTest
    @ValueSource(strings = {"93.184.215.14", "8.8.8.8", "1.1.1.1", "172.15.255.255", "172.32.0.1", "192.169.0.1",
            "169.253.255.255", "100.63.255.255", "100.128.0.1", "11.0.0.1", "126.255.255.255", "128.0.0.1",
            "223.255.255.255", "2606:4700:4700::1111", "2001:4860:4860::8888", "::ffff:8.8.8.8", "64:ff9b::808:808"})
    void admitted(String address) throws Exception {
        assertNull(AddressRules.refusal(InetAddress.getByName(address)), address);
    }

    @ParameterizedTest
    @ValueSource(strings = {"::ffff:169.254.169.254", "::ffff:10.0.0.1"})
    void anIpv4MappedAddressKeptInItsIpv6FormIsJudgedByTheIpv4AddressItCarries(String address) throws Exception {
        // InetAddress.getByName turns a mapped address into an Inet4Address; one built from its 16 bytes stays IPv6.
        byte[] v4 = InetAddress.getByName(address).getAddress();
        byte[] v6 = new byte[16];
        v6[10] = (byte) 0xff;
        v6[11] = (byte) 0xff;
        System.arraycopy(v4, 0, v6, 12, 4);
        InetAddress mapped = java.net.Inet6Address.getByAddress(null, v6, -1);
        assertEquals(16, mapped.getAddress().length);
        assertEquals(AddressRules.refusal(InetAddress.getByName(address)), AddressRules.refusal(mapped));
        assertEquals(address.endsWith("169.254") ? "link-local (cloud metadata)" : "private", AddressRules.refusal(mapped));
    }
}
