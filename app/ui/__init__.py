"""Qt adapters over the Qt-free API client: background work, the dentry tree model, its filter and thumbnails.

Nothing here creates widgets; the window and views use these models and loaders.
"""
