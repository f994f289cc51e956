"""portal.client_address: the client's address, believing X-Forwarded-For only as far as
trusted proxies wrote it."""

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import RequestFactory

from portal.client_address import UNKNOWN, client_address


def address(remote, forwarded=None):
    headers = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        headers["HTTP_X_FORWARDED_FOR"] = forwarded
    return client_address(RequestFactory().get("/", **headers))


def test_without_trusted_proxies_the_header_is_ignored(settings):
    settings.TRUSTED_PROXIES = []
    assert address("203.0.113.9", "10.0.0.1") == "203.0.113.9"
    assert address("::ffff:203.0.113.9") == "203.0.113.9"
    assert address("") == UNKNOWN


def test_a_trusted_proxy_gives_the_address_it_appended(settings):
    settings.TRUSTED_PROXIES = ["127.0.0.1", "10.1.0.0/16"]
    assert address("127.0.0.1", "198.51.100.4") == "198.51.100.4"
    # what the client wrote stands left of what the proxies appended
    assert address("127.0.0.1", "1.2.3.4, 198.51.100.4, 10.1.2.3") == "198.51.100.4"
    assert address("127.0.0.1", "2001:db8::1") == "2001:db8::1"
    # a peer that is not a trusted proxy: its header means nothing
    assert address("203.0.113.9", "198.51.100.4") == "203.0.113.9"
    # garbage or nothing from the proxy: the proxy itself, never an invented address
    assert address("127.0.0.1", "not-an-address") == "127.0.0.1"
    assert address("127.0.0.1") == "127.0.0.1"


def test_a_wrong_proxy_setting_is_a_configuration_error(settings):
    settings.TRUSTED_PROXIES = ["proxy.internal"]
    with pytest.raises(ImproperlyConfigured):
        address("127.0.0.1", "198.51.100.4")
