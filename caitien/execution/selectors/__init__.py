"""Reads of the execution app, one module per concern, re-exported here."""

from caitien.execution.selectors.progress import plan_progress
from caitien.execution.selectors.rows import RowView, TaskView, row_view, row_views, summary

__all__ = ["RowView", "TaskView", "plan_progress", "row_view", "row_views", "summary"]
