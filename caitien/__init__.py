"""Cải Tiến: education quality improvement plans for Vietnamese schools."""

__version__ = "0.1.0"
