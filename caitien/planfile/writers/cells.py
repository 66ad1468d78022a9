"""Writing a value into a spreadsheet cell without letting a text become a formula.

openpyxl stores every string that starts with "=" as a formula, and Excel and LibreOffice run texts
starting with "+", "-", "@" (and a tab or carriage return before them) as formulas when a cell is
edited. Plan rows, school names and escalation texts come from people outside the office, and a
published plan's workbook is public: such a text is stored as a string cell with Excel's "quote
prefix" style (the cell keeps showing the text as typed, and stays text when edited). Every XLSX the
product writes puts its values through `put_value`; only the writers' own formulas (a SUBTOTAL row)
are written as formulas, by `put_formula`.
"""

from __future__ import annotations

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def is_formula_like(value) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_START)


def put_value(cell, value):
    """cell.value = value, with a formula-like text kept as plain text. Returns the cell."""
    cell.value = value
    if is_formula_like(value):
        cell.data_type = "s"
        cell.quotePrefix = True
    return cell


def put_formula(cell, formula: str):
    """A formula the writer itself composed (never a user's text)."""
    if not formula.startswith("="):
        raise ValueError("a formula starts with '='")
    cell.value = formula
    return cell
