"""Qt widgets only: the ring popup, the customer card, the main window, the tray and dialogs.

Nothing here talks HTTP, SQL or pjsua2. Widgets receive plain values (the IXC models, the view
models in :mod:`desktop.ui.view_models`) and report what the agent asked for through Qt signals;
:mod:`desktop.app.ramal_app` routes those commands to the SIP engine, the IXC service and the store.
"""
