"""The results report as a document without the database: the model (model.py), and the writers
(docx.py, pdf.py), which reuse the plan writers' Nghị định 30 layout (caitien.planfile.writers)."""
