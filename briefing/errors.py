"""The exceptions ``briefing`` raises, and the exit code the CLI maps each to.

    BriefingError                 1  something went wrong
    ├── UsageError                2  bad flags, config or missing model settings
    ├── InputError                2  an input file could not be read
    ├── LLMError                  1  the model could not be reached or kept failing
    │   ├── CassetteMissError     1  --replay: no recorded answer matches a request
    │   ├── RefusedError          1  the model refused, or answered with no content
    │   ├── BudgetExceeded        1  a paid call would pass --max-cost: not made
    │   └── UnreachableError      1  nothing listens there, no such host, no key or a rejected one:
    │                                not retried, and it stops the whole run
    ├── OutputInvalidError        1  the model's answer failed validation after every re-ask
    ├── RenderError               1  HTML/PDF/JSON could not be produced
    ├── DeliveryError             1  files could not be written
    │   └── SendError             5  the email could not be sent (the files stay in place)
    └── LockedError               6  `briefing daily`: another run of the day holds the lock

A run that wrote the briefing but could not summarize every article exits with
``EXIT_PARTIAL`` (3) instead of raising.
"""

from __future__ import annotations

EXIT_OK = 0
EXIT_FAILURE = 1
EXIT_USAGE = 2
EXIT_PARTIAL = 3
EXIT_UNVERIFIED = 4
EXIT_NOT_SENT = 5
EXIT_LOCKED = 6


class BriefingError(Exception):
    """Base class. ``str(error)`` is a message for a person, without a traceback."""

    exit_code = EXIT_FAILURE


class UsageError(BriefingError):
    exit_code = EXIT_USAGE


class InputError(BriefingError):
    exit_code = EXIT_USAGE


class LLMError(BriefingError):
    """``attempts``: requests that went on the wire for this call (transport retries included)."""

    def __init__(self, message: str, *, attempts: int = 1) -> None:
        super().__init__(message)
        self.attempts = attempts


class CassetteMissError(LLMError):
    pass


class RefusedError(LLMError):
    """The model answered without usable content: a refusal, a content filter, no choices."""


class BudgetExceeded(LLMError):
    """A paid call would start past ``--max-cost``; it is not made."""

    def __init__(self, message: str) -> None:
        super().__init__(message, attempts=0)


class UnreachableError(LLMError):
    """The model cannot be used at all: nothing listens at the endpoint, the host has no address,
    the API key is missing or rejected. Not transient: the run stops at the first such answer."""


class OutputInvalidError(BriefingError):
    """The model's output did not validate, even after re-asking with the errors."""

    def __init__(self, message: str, *, attempts: int, errors: list[str], last_output: str) -> None:
        super().__init__(message)
        self.attempts = attempts
        self.errors = errors
        self.last_output = last_output


class RenderError(BriefingError):
    pass


class DeliveryError(BriefingError):
    pass


class SendError(DeliveryError):
    """The email was not sent (or not to every recipient); the briefing files are untouched."""

    exit_code = EXIT_NOT_SENT


class LockedError(BriefingError):
    """Another ``briefing daily`` holds the lock: two runs never overlap."""

    exit_code = EXIT_LOCKED
