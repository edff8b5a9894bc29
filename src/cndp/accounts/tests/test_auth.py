"""Login, logout, throttled failures, password change and reset by e-mail through the task queue."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from cndp.core.demo import DEMO_PASSWORD

pytestmark = pytest.mark.django_db


def test_login_and_logout(client, demo):
    response = client.post(reverse("login"), {"username": "chuyenvien", "password": DEMO_PASSWORD})
    assert response.status_code == 302
    assert client.get(reverse("home")).context["user"].username == "chuyenvien"
    client.post(reverse("logout"))
    assert client.get(reverse("home")).status_code == 302


def test_wrong_password_message_is_vietnamese(client, demo):
    response = client.post(reverse("login"), {"username": "chuyenvien", "password": "sai"})
    assert response.status_code == 200
    assert "Tên đăng nhập hoặc mật khẩu không đúng" in response.content.decode()


def test_five_failures_lock_the_account_even_with_the_right_password(client, demo):
    for _ in range(5):
        client.post(reverse("login"), {"username": "lanhdao", "password": "sai-mat-khau"})
    response = client.post(reverse("login"), {"username": "lanhdao", "password": DEMO_PASSWORD})
    assert response.status_code == 429
    assert "Tạm khóa đăng nhập" in response.content.decode()
    # another account from the same address is not locked
    assert (
        client.post(reverse("login"), {"username": "chuyenvien", "password": DEMO_PASSWORD}).status_code
        == 302
    )


def test_password_change(client, demo):
    client.force_login(demo["leader"])
    response = client.post(
        reverse("password_change"),
        {
            "old_password": DEMO_PASSWORD,
            "new_password1": "Mat-khau-moi-2026",
            "new_password2": "Mat-khau-moi-2026",
        },
    )
    assert response.status_code == 302
    demo["leader"].refresh_from_db()
    assert demo["leader"].check_password("Mat-khau-moi-2026")


def test_password_reset_mail_goes_through_the_task_and_works(client, demo):
    response = client.post(reverse("password_reset"), {"email": "lanhdao@cndp.local"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["lanhdao@cndp.local"]
    assert "khôi phục mật khẩu" in message.subject
    link = re.search(r"http://testserver(/password/reset/\S+/)", message.body).group(1)
    form_page = client.get(link, follow=True)
    post_url = form_page.redirect_chain[-1][0] if form_page.redirect_chain else link
    response = client.post(post_url, {"new_password1": "Dat-lai-2026!", "new_password2": "Dat-lai-2026!"})
    assert response.status_code == 302
    demo["leader"].refresh_from_db()
    assert demo["leader"].check_password("Dat-lai-2026!")


def test_password_reset_for_unknown_address_sends_nothing(client, demo):
    client.post(reverse("password_reset"), {"email": "khong-co@cndp.local"})
    assert mail.outbox == []


def test_session_and_csrf_settings(settings):
    from django.conf import settings as conf

    assert conf.SESSION_COOKIE_HTTPONLY is True
    assert conf.CSRF_COOKIE_SAMESITE == "Lax"
    assert "django.middleware.csrf.CsrfViewMiddleware" in conf.MIDDLEWARE
