"""The running desk's settings: one value that every part reads when it uses it.

Saving in "Configurações" replaces the value here and tells the subscribers, so a sector edited
there is the one the next "Encaminhar" and Discord message use, not the copy taken at start.
Qt-free, so the forwarding services (``desktop/forward``) can hold it: they take it as a
``() -> Settings`` callable and call it at use time. The desk's Qt side hears of a change
through :class:`desktop.desk.settings_flow.SettingsFlow`'s ``settings_changed`` signal.
"""

from __future__ import annotations

from collections.abc import Callable

from desktop.settings.model import Settings

SettingsListener = Callable[[Settings, Settings], None]   # old, new


class SettingsSource:
    def __init__(self, settings: Settings) -> None:
        self._current = settings
        self._listeners: list[SettingsListener] = []

    def __call__(self) -> Settings:
        return self._current

    @property
    def current(self) -> Settings:
        return self._current

    def subscribe(self, listener: SettingsListener) -> Callable[[], None]:
        """Call ``listener(old, new)`` after each replace; returns the unsubscribe."""
        self._listeners.append(listener)

        def unsubscribe() -> None:
            if listener in self._listeners:
                self._listeners.remove(listener)

        return unsubscribe

    def replace(self, settings: Settings) -> None:
        old, self._current = self._current, settings
        for listener in list(self._listeners):
            listener(old, settings)


def settings_reader(settings: Settings | Callable[[], Settings]) -> Callable[[], Settings]:
    """A fixed value (tests, the headless tools) or a live source, read the same way."""
    if isinstance(settings, Settings):
        return lambda: settings
    return settings
