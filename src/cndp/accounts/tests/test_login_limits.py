"""Password spraying: one address trying many user names is locked, other addresses are not; the
client's address is read behind the reverse proxy."""

import pytest
from django.test import Client, RequestFactory
from django.urls import reverse

from cndp.accounts.login_limits import client_ip
from cndp.core.demo import DEMO_PASSWORD

pytestmark = pytest.mark.django_db


def _login(client, username, password="Mat-khau-pho-bien-1", address="203.0.113.7", **extra):
    return client.post(
        reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=address, **extra
    )


def test_spraying_many_user_names_from_one_address_locks_the_address(demo, settings):
    settings.CNDP_LOGIN_ADDRESS_FAILURE_LIMIT = 20
    client = Client()
    for n in range(19):  # each user name fails once only: the per-user limit (5) is never reached
        assert _login(client, f"nguoidung{n:02d}").status_code == 200
    # still below the address limit: a colleague at the same address signs in
    assert _login(Client(), "chuyenvien", DEMO_PASSWORD).status_code == 302
    assert _login(client, "nguoidung19").status_code == 429  # the 20th failure locks the address
    locked = _login(client, "lanhdao", DEMO_PASSWORD)  # even the right password, from that address
    assert locked.status_code == 429
    assert "Tạm khóa đăng nhập" in locked.content.decode()
    assert "hoặc từ địa chỉ máy này" in locked.content.decode()  # not only "this account"
    # another address is not affected
    assert _login(Client(), "lanhdao", DEMO_PASSWORD, address="198.51.100.9").status_code == 302


def test_an_office_with_a_few_typos_is_not_locked(demo, settings):
    settings.CNDP_LOGIN_ADDRESS_FAILURE_LIMIT = 20
    client = Client()
    for username in ["sohanoi", "sodanang", "danguy", "kiemphieu"]:
        for _ in range(4):
            assert _login(client, username, "go-nham").status_code == 200
    assert _login(client, "lanhdao", DEMO_PASSWORD).status_code == 302


def test_the_address_is_the_proxys_last_forwarded_entry_only_from_a_trusted_proxy(settings):
    settings.CNDP_TRUSTED_PROXIES = ["127.0.0.1"]
    rf = RequestFactory()
    behind_proxy = rf.get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="10.0.0.1, 203.0.113.7")
    assert client_ip(behind_proxy) == "203.0.113.7"  # the left entries are the client's to forge
    direct = rf.get("/", REMOTE_ADDR="198.51.100.9", HTTP_X_FORWARDED_FOR="203.0.113.7")
    assert client_ip(direct) == "198.51.100.9"
    assert client_ip(rf.get("/", REMOTE_ADDR="127.0.0.1")) == "127.0.0.1"


def test_spraying_behind_the_proxy_locks_the_client_not_the_proxy(demo, settings):
    settings.CNDP_LOGIN_ADDRESS_FAILURE_LIMIT = 3
    settings.CNDP_TRUSTED_PROXIES = ["127.0.0.1"]
    client = Client()
    for n in range(3):
        _login(client, f"nguoidung{n}", address="127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.7")
    assert (
        client.post(
            reverse("login"),
            {"username": "lanhdao", "password": DEMO_PASSWORD},
            REMOTE_ADDR="127.0.0.1",
            HTTP_X_FORWARDED_FOR="203.0.113.7",
        ).status_code
        == 429
    )
    other = Client().post(
        reverse("login"),
        {"username": "lanhdao", "password": DEMO_PASSWORD},
        REMOTE_ADDR="127.0.0.1",
        HTTP_X_FORWARDED_FOR="198.51.100.9",
    )
    assert other.status_code == 302
