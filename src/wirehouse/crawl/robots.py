"""robots.txt details the standard library parser misses: fractional Crawl-delay values."""

from __future__ import annotations

import math


def _applies(agents: list[str], user_agent: str) -> bool:
    """The matching rule of ``urllib.robotparser``: the product token is a substring, or ``*``."""
    token = user_agent.split("/")[0].lower()
    return any(a == "*" or a.lower() in token for a in agents)


def crawl_delay(lines: list[str], user_agent: str) -> float | None:
    """The Crawl-delay (seconds, fractions allowed) that applies to ``user_agent``: its own group
    first, then the ``*`` group; ``None`` when none is given. Negative, NaN or unreadable values
    are ignored."""
    groups: list[tuple[list[str], float | None]] = []
    agents: list[str] = []
    delay: float | None = None
    in_rules = False
    for raw in lines:
        line = raw.split("#", 1)[0].strip()
        if ":" not in line:
            continue
        key, _, value = line.partition(":")
        key, value = key.strip().lower(), value.strip()
        if key == "user-agent":
            if in_rules:
                groups.append((agents, delay))
                agents, delay, in_rules = [], None, False
            agents.append(value)
        elif agents:
            in_rules = True
            if key == "crawl-delay":
                try:
                    number = float(value)
                except ValueError:
                    continue
                if math.isfinite(number) and number >= 0:
                    delay = number
    if agents:
        groups.append((agents, delay))
    specific = [d for a, d in groups if "*" not in a and _applies(a, user_agent)]
    if specific:
        return specific[0]
    default = [d for a, d in groups if "*" in a]
    return default[0] if default else None
