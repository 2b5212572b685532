"""Which network addresses the crawler may connect to: public unicast ones only (loopback too when
the settings allow it, for the demo and tests). A pure function of the address, so it is checked
without sending any traffic.

IPv6 addresses that carry an IPv4 address inside (IPv4-mapped ``::ffff:a.b.c.d``, 6to4
``2002:AABB:CCDD::``, the NAT64 prefix ``64:ff9b::/96``) are judged by the IPv4 address they
reach, so ``::ffff:10.0.0.1`` is as private as ``10.0.0.1``.
"""

from __future__ import annotations

import ipaddress

_NAT64 = ipaddress.ip_network("64:ff9b::/96")

Address = ipaddress.IPv4Address | ipaddress.IPv6Address


def reached(address: str | Address) -> Address:
    """The address a connection to ``address`` ends at: the IPv4 address inside an IPv4-mapped,
    6to4 or NAT64 IPv6 address, else the address itself (an IPv6 zone such as ``%eth0`` dropped)."""
    addr = ipaddress.ip_address(address.split("%", 1)[0] if isinstance(address, str) else address)
    if isinstance(addr, ipaddress.IPv6Address):
        if addr.ipv4_mapped is not None:
            return addr.ipv4_mapped
        if addr.sixtofour is not None:
            return addr.sixtofour
        if addr in _NAT64:
            return ipaddress.IPv4Address(int(addr) & 0xFFFFFFFF)
    return addr


def refusal(address: str | Address, *, allow_loopback: bool = False) -> str | None:
    """Why the crawler must not connect to ``address`` (``None``: it may). Refused: private
    (10/8, 172.16/12, 192.168/16, fc00::/7), shared (100.64/10), link-local (169.254/16,
    fe80::/10), loopback (127/8, ::1) unless allowed, unspecified, documentation, reserved and
    multicast addresses; in short, everything that is not public unicast."""
    addr = reached(address)
    if addr.is_loopback:
        return None if allow_loopback else "a loopback address"
    if addr.is_link_local:
        return "a link-local address"
    if addr.is_multicast:
        return "a multicast address"
    if addr.is_unspecified:
        return "the unspecified address"
    if not addr.is_global:
        return "a private or reserved address"
    return None
