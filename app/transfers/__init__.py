"""The transfer engine: resumable ranged downloads and signed uploads, with a persistent queue.

No Qt here: the UI subscribes to events and marshals them onto its own thread.
"""
