"""The `claimdesk` command line: the app, one output module, and commands by area."""
