"""Shared pieces of the web pages: Vietnamese inputs (dates, months, files) that look and speak the
same on every browser, whatever language the browser itself is set to."""
