"""The crawler's address guard as a pure function: no traffic is sent to any address here."""

from __future__ import annotations

import pytest

from wirehouse.crawl.addresses import reached, refusal


@pytest.mark.parametrize("address", [
    "10.0.0.1", "172.16.5.4", "192.168.1.1", "100.64.0.1",            # private, shared (carrier NAT)
    "169.254.169.254", "169.254.0.1",                                  # link-local (cloud metadata)
    "0.0.0.0", "255.255.255.255", "192.0.2.1", "240.0.0.1",            # unspecified, broadcast, reserved
    "224.0.0.1", "ff02::1",                                            # multicast
    "fc00::1", "fd12:3456:789a::1",                                    # unique local (fc00::/7)
    "fe80::1", "fe80::1%eth0", "febf::1",                              # link-local (fe80::/10)
    "::", "2001:db8::1",                                               # unspecified, documentation
    "::ffff:10.0.0.1", "::ffff:169.254.169.254", "::ffff:192.168.0.1",  # IPv4-mapped private
    "2002:a00:1::1", "64:ff9b::a00:1",                                 # 6to4 and NAT64 of 10.0.0.1
])
def test_private_local_and_reserved_addresses_are_refused(address):
    assert refusal(address) is not None
    assert refusal(address, allow_loopback=True) is not None  # allowing loopback allows nothing else


@pytest.mark.parametrize("address", ["127.0.0.1", "127.8.9.10", "::1", "::ffff:127.0.0.1", "2002:7f00:1::"])
def test_loopback_only_when_allowed(address):
    assert refusal(address) == "a loopback address"
    assert refusal(address, allow_loopback=True) is None


@pytest.mark.parametrize("address", ["93.184.216.34", "8.8.8.8", "2606:4700::1111", "::ffff:8.8.8.8", "64:ff9b::808:808"])
def test_public_unicast_addresses_pass(address):
    assert refusal(address) is None


def test_embedded_ipv4_addresses_are_judged_by_where_they_lead():
    assert str(reached("::ffff:10.0.0.1")) == "10.0.0.1"
    assert str(reached("2002:c0a8:0101::")) == "192.168.1.1"
    assert str(reached("64:ff9b::c0a8:101")) == "192.168.1.1"
    assert str(reached("2606:4700::1111")) == "2606:4700::1111"
    assert refusal("fe80::1%eth0") == "a link-local address"
    assert refusal("::ffff:169.254.169.254") == "a link-local address"
