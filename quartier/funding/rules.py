"""Who may see and change funding records."""
