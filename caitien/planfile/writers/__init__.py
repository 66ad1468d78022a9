"""Writers: planfile.model.Document -> official plan files.

`docx.write_docx` lays the plan out as an administrative document of Nghị định 30/2020/NĐ-CP,
`pdf.write_pdf` turns that DOCX into a PDF for the website (LibreOffice, else WeasyPrint), and
`xlsx.write_xlsx` writes the plan table for people who track it in Excel. `layout` holds what the
three share: which regulation and form a plan follows, the table's columns and cell texts, and the
Vietnamese wording of dates and headings.
"""

FORMATS = ("docx", "pdf", "xlsx")


class WriteError(Exception):
    """A file could not be produced; the message (Vietnamese, one line) says why and what to do."""


def write(doc, path, fmt: str) -> None:
    """Write `doc` to `path` in `fmt` ("docx", "pdf" or "xlsx")."""
    if fmt == "docx":
        from caitien.planfile.writers.docx import write_docx

        write_docx(doc, path)
    elif fmt == "pdf":
        from caitien.planfile.writers.pdf import write_pdf

        write_pdf(doc, path)
    elif fmt == "xlsx":
        from caitien.planfile.writers.xlsx import write_xlsx

        write_xlsx(doc, path)
    else:
        raise WriteError(f"Định dạng “{fmt}” không được hỗ trợ; hãy chọn docx, pdf hoặc xlsx.")
