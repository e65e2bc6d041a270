package org.selectorate.notification.webhook;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.InetAddress;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
    })
    void refused(String address, String rule) throws Exception {
        assertEquals(rule, AddressRules.refusal(InetAddress.getByName(address)), address);
    }

    @ParameterizedTest
    @ValueSource(strings = {"93.184.215.14", "8.8.8.8", "1.1.1.1", "172.15.255.255", "172.32.0.1", "192.169.0.1",
            "169.253.255.255", "100.63.255.255", "100.128.0.1", "11.0.0.1", "126.255.255.255", "128.0.0.1",
            "223.255.255.255", "2606:4700:4700::1111", "2001:4860:4860::8888", "::ffff:8.8.8.8", "64:ff9b::808:808",
            "fbff::1", "fe00::1"})
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
