"""Home pages per role and the office overview: what needs attention now."""
