"""The desktop app: Qt adapters over the Qt-free core, and the window.

``models`` adapt the core (the lazy dentry tree, thumbnails, transfers); ``widgets`` and
``dialogs`` show them; ``actions`` ask the user and run ``operations``, which do the work off the
UI thread and announce what changed; ``main_window`` only wires these together.
"""
