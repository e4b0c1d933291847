"""The loopback emulator of Google (OAuth, Gmail, Calendar) and Microsoft (identity platform,
Graph): what the provider adapters talk real HTTP to in tests, ``followup simulate``,
``followup demo`` and ``followup sandbox``.

- :class:`providers.emulator.app.Emulator`: both halves on one clock, meter and fault injector;
  ``control(provider)`` is the :class:`~providers.emulator.control.MailboxControl` surface.
- :class:`providers.emulator.server.EmulatorServer`: that app on 127.0.0.1 (http + https).
"""
