"""Mail that waits and retries: every message is a row of the outbox with a stable key, sent by
the queue's worker (Django's tasks framework), never inside a request."""
