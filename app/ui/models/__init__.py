"""Qt models over the Qt-free core: the lazy dentry tree and its views of one folder, its cells and
thumbnails, and the transfer engine's jobs.

Nothing here creates widgets; the window's parts show these models.
"""
