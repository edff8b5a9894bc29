"""URLs of draft documents and comments (dự thảo văn kiện, góp ý)."""

from django.urls import path

from cndp.congress.documents import views as views

urlpatterns: list = [
    *views.DraftDocumentViews.urls(),
    *views.CommentViews.urls(),
    path("documents/<int:pk>/sections/add/", views.section_add, name="document_section_add"),
    path("documents/<int:pk>/sections/import/", views.sections_import, name="document_sections_import"),
    path("documents/<int:pk>/comments/add/", views.comment_add, name="document_comment_add"),
    path("documents/<int:pk>/close/", views.document_close, name="document_close"),
    path("documents/<int:pk>/reopen/", views.document_reopen, name="document_reopen"),
    path("documents/<int:pk>/synthesis.xlsx", views.synthesis_xlsx, name="document_synthesis_xlsx"),
    path("documents/<int:pk>/synthesis.pdf", views.synthesis_pdf, name="document_synthesis_pdf"),
    path("sections/<int:pk>/delete/", views.section_delete, name="section_delete"),
    path("comments/<int:pk>/answer/", views.comment_answer, name="comment_answer"),
]
