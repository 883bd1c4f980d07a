"""An email backend whose third message fails, as a mail server that drops one might."""

from django.core.mail.backends.locmem import EmailBackend


class ThirdFails(EmailBackend):
    sent = 0

    def send_messages(self, messages):
        ThirdFails.sent += len(messages)
        if ThirdFails.sent == 3:
            raise ConnectionError("the mail server dropped the connection")
        return super().send_messages(messages)
