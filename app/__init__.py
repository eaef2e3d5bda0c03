"""Dentry: a desktop file browser for DingTalk organization storage."""
