"""Appraisal and selection (thẩm định, lựa chọn đề án): the reviewers' sheets on the rubric in force and the
selection within the year's fund — `models` (Appraisal, AppraisalScore), the plain rule `selection`
(scores, ranks, the proposal), `services`, `selectors`, `forms`, `views`."""
