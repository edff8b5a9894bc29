"""Extension projects (đề án khuyến công): register, edit and move a project through its lifecycle, its
beneficiaries and its disbursement ledger — `models` (Project, Beneficiary, ProjectTransition, LedgerEntry,
ProjectCodeSequence), the plain rules `lifecycle`, `caps` (funding caps, registration deadline) and
`ledger`, `services`, `selectors`, `filtersets`, `forms`, `tables`, `views`."""
