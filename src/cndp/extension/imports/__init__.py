"""Importing past projects from Excel (nhập đề án từ Excel) — `reader` (the template, reading and checking
each row and cell), `services` (the dry run and the import in one transaction), `views` (upload, preview,
confirm)."""
