"""Time-zone names: the quick lookup agrees with the whole zone database."""

from __future__ import annotations

from zoneinfo import available_timezones

from timeline import spec


def test_is_zone_agrees_with_the_listed_zones() -> None:
    """Every listed zone and a few near misses get the answer a full listing gives."""
    listed = available_timezones()
    names = set(listed) | {"UTC", "utc", "Factory", "localtime", "posixrules", "Asia/damascus"}
    names |= {"Asia/../Asia/Damascus", "right/UTC", "posix/UTC", "Europe/", "", "Nowhere/Town"}
    for name in sorted(names):
        expected = name == "UTC" or (name in listed and name not in spec._NOT_ZONES)
        assert spec.is_zone(name) == expected, name
