"""Who may see and act in the network area (filled in with the pages)."""
