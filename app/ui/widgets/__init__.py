"""The main window's parts: the file views, the spaces pane with its folder tree, the path bar, the
status line and the transfers panel. Each knows only the models it shows.
"""
