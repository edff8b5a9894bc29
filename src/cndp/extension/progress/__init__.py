"""Progress reports (báo cáo tiến độ): what a contracted project reports and the documents attached —
`models` (ProgressReport, ProjectDocument), `rules` (plain Python: the content checks, the old rule shape),
`services` (schedule at the contract, submit, review, attach), `views` (the list, a report's page, files).
Owing a report is an obligation of the shared reporting calendar (cndp.obligations)."""
