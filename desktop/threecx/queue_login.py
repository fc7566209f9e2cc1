"""Queue login/logout: what the desk knows of the agent's queue state, and when to warn.

Two ways in: the dial codes the PBX admin configured (``[threecx] queue_login_code`` /
``queue_logout_code``: an ordinary SIP call 3CX answers with a prompt and hangs up, on any
licence), or XAPI's ``Users.QueueStatus`` (Enterprise), which can also be *read*. With dial codes
only, the state is what the agent last did through Ramal, unknown until then.
"""

from __future__ import annotations

import enum
from datetime import datetime, time

from desktop.settings.model import ThreecxSettings
from desktop.threecx.models import QueueStatus


class QueueState(enum.StrEnum):
    UNKNOWN = "unknown"
    LOGGED_IN = "logged_in"
    LOGGED_OUT = "logged_out"
    CHANGING = "changing"


def state_of(status: QueueStatus | None) -> QueueState:
    if status is QueueStatus.LOGGED_IN:
        return QueueState.LOGGED_IN
    if status is QueueStatus.LOGGED_OUT:
        return QueueState.LOGGED_OUT
    return QueueState.UNKNOWN


def dial_code(settings: ThreecxSettings, log_in: bool) -> str:
    """The code to dial, or "" when the admin configured none."""
    return settings.queue_login_code if log_in else settings.queue_logout_code


def uses_xapi(settings: ThreecxSettings) -> bool:
    return bool(settings.url and settings.client_id and settings.client_secret)


def can_change(settings: ThreecxSettings) -> bool:
    return uses_xapi(settings) or bool(settings.queue_login_code and settings.queue_logout_code)


def shift_warning_due(now_local: datetime, settings: ThreecxSettings, state: QueueState,
                      warned_on: str) -> bool:
    """Whether to warn "you are out of the queues" now: the shift has started today, the agent
    is not known to be logged in, and today's warning was not given yet (``warned_on`` is the
    ISO date of the last one)."""
    if not settings.shift_start or state in (QueueState.LOGGED_IN, QueueState.CHANGING):
        return False
    hour, minute = (int(p) for p in settings.shift_start.split(":"))
    return (now_local.time() >= time(hour, minute)
            and warned_on != now_local.date().isoformat())
