"""Background tasks (tác vụ nền) on django-tasks; the database backend in production (`cndp worker`)."""

from django.conf import settings
from django.core.mail import send_mail
from django_tasks import task


@task()
def send_email(*, subject: str, body: str, recipients: list[str]) -> int:
    """Gửi thư điện tử. Returns the number of messages sent."""
    return send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, recipients, fail_silently=False)
