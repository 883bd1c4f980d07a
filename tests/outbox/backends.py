"""Mail servers that misbehave, for the outbox's tests."""

from django.core.mail.backends.base import BaseEmailBackend


class Refusing(BaseEmailBackend):
    """Nothing listens on the mail server's port."""

    def send_messages(self, email_messages):
        raise ConnectionRefusedError(111, "Connection refused")
