class ExecutionError(Exception):
    """A refused execution change; the message (Vietnamese) says what is wrong and how to fix it."""
