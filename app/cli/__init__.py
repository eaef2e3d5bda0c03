"""``dentry-cli``: the Open API from a terminal, on the same client the app uses."""
