"""The report page (báo cáo, thống kê khuyến công): figures by year, six months, province, region,
activity and programme — `rules` (plain Python: periods, growth, the arithmetic of the figures),
`selectors` (the grouped queries), `exports` (Excel and PDF), `views` (the page)."""
