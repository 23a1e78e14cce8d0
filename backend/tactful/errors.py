"""Every error Tactful reports to a client, each with an HTTP status and a stable slug.

    TactfulError
    ├── BadRequest            400 malformed-json
    ├── Unauthorized          401 unauthorized
    ├── Forbidden             403 forbidden
    ├── NotFound              404 not-found (SuggestionNotFound: suggestion-not-found)
    ├── PayloadTooLarge       413 payload-too-large
    ├── RateLimited           429 rate-limited (with Retry-After)
    ├── InvalidRequest        422 invalid-request (and narrower slugs: no-customer-message, unknown-draft)
    └── ConfigurationError    500 configuration-error (bad seed or profile file; named file and field)

The slug is the contract: clients branch on `code`, never on `title` or `detail`.
"""

from __future__ import annotations

from typing import Any


class TactfulError(Exception):
    status = 500
    code = "internal-error"
    title = "Internal error"

    def __init__(self, detail: str = "", *, code: str | None = None, extra: dict[str, Any] | None = None):
        super().__init__(detail or self.title)
        self.detail = detail or self.title
        if code:
            self.code = code
        self.extra = extra or {}

    def as_problem(self) -> dict[str, Any]:
        """The problem+json fields, for answers that are not a response of their own (an event in a stream)."""
        return {
            "type": f"https://tactful.dev/problems/{self.code}",
            "code": self.code,
            "title": self.title,
            "status": self.status,
            "detail": self.detail,
            **self.extra,
        }


class BadRequest(TactfulError):
    status, code, title = 400, "malformed-json", "Malformed request body"


class Unauthorized(TactfulError):
    status, code, title = 401, "unauthorized", "Missing or invalid token"


class Forbidden(TactfulError):
    status, code, title = 403, "forbidden", "Your role may not do this"


class NotFound(TactfulError):
    status, code, title = 404, "not-found", "Not found"


class SuggestionNotFound(NotFound):
    code = "suggestion-not-found"


class PayloadTooLarge(TactfulError):
    status, code, title = 413, "payload-too-large", "Request body too large"


class RateLimited(TactfulError):
    status, code, title = 429, "rate-limited", "Too many requests"

    def __init__(self, detail: str, retry_after: int) -> None:
        super().__init__(detail, extra={"retry_after": retry_after})
        self.retry_after = retry_after


class Conflict(TactfulError):
    status, code, title = 409, "conflict", "Conflicts with what is stored"


class Unavailable(TactfulError):
    status, code, title = 503, "unavailable", "Temporarily unavailable"


class InvalidRequest(TactfulError):
    status, code, title = 422, "invalid-request", "Invalid request"


class ConfigurationError(TactfulError):
    status, code, title = 500, "configuration-error", "Invalid configuration"
