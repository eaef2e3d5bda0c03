"""What the user asks for from menus, shortcuts and drops: ask what is needed, then run an operation.

Each action module depends on an `ActionContext` (the session, the location, the selection, the
status line, where operations run), never on the main window.
"""
