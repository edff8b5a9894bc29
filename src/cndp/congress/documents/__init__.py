"""Draft documents and comments (dự thảo văn kiện, góp ý): a feature package of `congress`.

Its models live in `congress/models/documents.py` (where the migrations find them); choices, services,
selectors, forms, filter sets, tables, views, URLs, exports (synthesis Excel / PDF), the section
splitter (`sections`, plain Python) and the demo are here.
"""
