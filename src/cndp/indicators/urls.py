from django.urls import path

from cndp.indicators.views import analysis, brief, completeness, entry, exchange, upload
from cndp.indicators.views.registries import DataSetViews, DataValueViews, IndicatorViews, SubmissionViews

app_name = "indicators"

# The submission's page is the entry grid (not the generic detail page).
_submission_urls = [p for p in SubmissionViews.urls() if p.name != "submission_detail"]

urlpatterns = [
    path("", completeness.dashboard, name="dashboard"),
    path("entry/", entry.entry_start, name="entry"),
    path("submissions/<int:pk>/", entry.submission_detail, name="submission_detail"),
    path("submissions/<int:pk>/review/", entry.submission_review, name="submission_review"),
    path("submissions/<int:pk>/template.xlsx", upload.submission_template, name="submission_template"),
    path("submissions/<int:pk>/upload/", upload.submission_upload, name="submission_upload"),
    path("exchange/", exchange.exchange_upload, name="exchange_upload"),
    path("completeness/", completeness.completeness_page, name="completeness"),
    path("analysis/", analysis.analysis_page, name="analysis"),
    path("series/", analysis.series_page, name="series"),
    path("brief/", brief.brief_page, name="brief"),
    *IndicatorViews.urls(),
    *DataSetViews.urls(),
    *DataValueViews.urls(),
    *_submission_urls,
]
