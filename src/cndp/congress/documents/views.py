"""Screens of draft documents and comments: the registry, the document page (sections with their comments
and answers, filter "chưa trả lời"), forms to add sections, paste a whole draft, add and answer
comments, and the synthesis table as Excel and PDF."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cndp.congress.documents import exports, selectors, services
from cndp.congress.documents.filtersets import CommentFilterSet, DraftDocumentFilterSet
from cndp.congress.documents.forms import (
    AnswerForm,
    CommentForm,
    DraftDocumentForm,
    SectionForm,
    SectionsImportForm,
)
from cndp.congress.documents.tables import CommentTable, DraftDocumentTable
from cndp.congress.models import Comment, DocumentSection, DraftDocument
from cndp.core import generic
from cndp.core.excel import workbook_response
from cndp.core.permissions import can, require
from cndp.core.services import ServiceError

DOCUMENT_FIELDS = ["congress", "kind", "version", "issued_on", "status", "closed_at", "closed_by"]
PAGE_ACTIONS = ("list", "add", "detail", "edit", "delete", "history")


class DocumentPageView(generic.ObjectDetailView):
    """The detail page of a draft is its working page: sections, comments and answers."""

    def get(self, request, pk):
        return _page(request, self.get_object())


class DraftDocumentViews(generic.Registry):
    model = DraftDocument
    queryset = selectors.document_list_annotated(
        DraftDocument.objects.select_related("congress__organisation__parent", "closed_by")
    )
    table = DraftDocumentTable
    filterset = DraftDocumentFilterSet
    form = DraftDocumentForm
    detail_fields = DOCUMENT_FIELDS
    url_prefix = "documents"

    @classmethod
    def url_names(cls) -> dict[str, str]:
        return {action: f"congress:document_{action}" for action in PAGE_ACTIONS}

    @classmethod
    def urls(cls):
        """The generic views under the names congress:document_*, the detail being the document page."""

        def view(base):
            return type(f"DraftDocument{base.__name__}", (base,), {"registry": cls}).as_view()

        return [
            path("documents/", view(generic.ObjectListView), name="document_list"),
            path("documents/add/", view(generic.ObjectEditView), name="document_add"),
            path("documents/<int:pk>/", view(DocumentPageView), name="document_detail"),
            path("documents/<int:pk>/edit/", view(generic.ObjectEditView), name="document_edit"),
            path("documents/<int:pk>/delete/", view(generic.ObjectDeleteView), name="document_delete"),
            path("documents/<int:pk>/history/", view(generic.ObjectHistoryView), name="document_history"),
        ]


class CommentViews(generic.Registry):
    """All comments, filterable (chưa trả lời, by cell, by draft) and exported as filtered. Comments are
    added and answered on the document page, through the services."""

    model = Comment
    queryset = Comment.objects.select_related("section__document", "delegate__cell", "cell", "answered_by")
    table = CommentTable
    filterset = CommentFilterSet
    allow_delete = False
    url_prefix = "comments"
    detail_fields = [
        "section",
        "author_kind",
        "author_name",
        "content",
        "submitted_at",
        "answer",
        "explanation",
        "answered_by",
        "answered_at",
    ]


def _document(request, pk, action="view") -> DraftDocument:
    document = get_object_or_404(
        DraftDocument.objects.select_related("congress__organisation__parent", "closed_by"), pk=pk
    )
    require(request.user, action, document)
    return document


def _form_errors(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


def _answer_form(comment, data=None) -> AnswerForm:
    initial = {"answer": comment.answer, "explanation": comment.explanation}
    return AnswerForm(data, prefix=f"c{comment.pk}", initial=initial)


def _page(
    request,
    document: DraftDocument,
    *,
    status: int = 200,
    comment_form=None,
    section_form=None,
    import_form=None,
    answer_form=None,
    answer_for=None,
):
    """The document page; on a failed form the same page comes back with the form's errors (400)."""
    user = request.user
    unanswered_only = request.GET.get("unanswered") == "1"
    data = selectors.synthesis(document, unanswered_only=unanswered_only)
    may_answer = can(user, "change", Comment)
    for _section, comment in data.rows():
        if may_answer:
            comment.answer_form = answer_form if comment.pk == answer_for else _answer_form(comment)
    may_comment = document.is_open and can(user, "add", Comment)
    may_edit_sections = document.is_open and can(user, "add", DocumentSection)
    ctx = {
        "object": document,
        "document": document,
        "rows": [generic.display_value(document, f, user=user) for f in DOCUMENT_FIELDS],
        "data": data,
        "unanswered_only": unanswered_only,
        "registry": DraftDocumentViews,
        "url_names": DraftDocumentViews.url_names(),
        "model_name_plural": DraftDocument._meta.verbose_name_plural,
        "tab": "detail",
        "can_change": can(user, "change", DraftDocument),
        "can_delete": can(user, "delete", DraftDocument),
        "may_answer": may_answer,
        "may_comment": may_comment,
        "may_edit_sections": may_edit_sections,
        "may_delete_sections": document.is_open and can(user, "delete", DocumentSection),
        "may_export": can(user, "view", Comment),
    }
    if may_comment or comment_form is not None:  # a refused form comes back with its error
        ctx["comment_form"] = comment_form or CommentForm(
            document=document, initial={"section": request.GET.get("section")}
        )
    if may_edit_sections or section_form is not None or import_form is not None:
        ctx["section_form"] = section_form or SectionForm()
        ctx["import_form"] = import_form or SectionsImportForm()
    return render(request, "congress/document_detail.html", ctx, status=status)


def _after(document, anchor: str = ""):
    return redirect(document.get_absolute_url() + (f"#{anchor}" if anchor else ""))


@login_required
@require_POST
def section_add(request, pk):
    document = _document(request, pk)
    require(request.user, "add", DocumentSection)
    form = SectionForm(request.POST)
    if form.is_valid():
        try:
            section = services.section_add(document=document, user=request.user, **form.cleaned_data)
        except ValidationError as exc:
            _form_errors(form, exc)
        except ServiceError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Đã thêm mục «%(s)s».") % {"s": section})
            return _after(document, f"section-{section.pk}")
    return _page(request, document, status=400, section_form=form)


@login_required
@require_POST
def sections_import(request, pk):
    document = _document(request, pk)
    require(request.user, "add", DocumentSection)
    form = SectionsImportForm(request.POST)
    if form.is_valid():
        try:
            created = services.sections_import_from_text(
                document=document, user=request.user, text=form.cleaned_data["text"]
            )
        except ValidationError as exc:
            _form_errors(form, exc)
        except ServiceError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Đã tách và thêm %(n)s mục.") % {"n": len(created)})
            return _after(document)
    return _page(request, document, status=400, import_form=form)


@login_required
@require_POST
def section_delete(request, pk):
    section = get_object_or_404(DocumentSection.objects.select_related("document"), pk=pk)
    document = _document(request, section.document_id)
    label = str(section)
    try:
        services.section_delete(section=section, user=request.user)
    except ServiceError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Đã xóa mục «%(s)s».") % {"s": label})
    return _after(document)


def _submitted_at(day: datetime.date | None) -> datetime.datetime | None:
    """The day a comment was given (on paper, maybe earlier): now if today, else noon of that day."""
    if day is None or day == timezone.localdate():
        return None
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(12, 0)))


@login_required
@require_POST
def comment_add(request, pk):
    document = _document(request, pk)
    require(request.user, "add", Comment)
    form = CommentForm(request.POST, document=document)
    if form.is_valid():
        data = form.cleaned_data
        try:
            comment = services.comment_add(
                section=data["section"],
                user=request.user,
                content=data["content"],
                delegate=data["delegate"],
                cell=data["cell"],
                submitted_at=_submitted_at(data["submitted_on"]),
            )
        except ValidationError as exc:
            _form_errors(form, exc)
        except ServiceError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(
                request,
                _("Đã ghi ý kiến của %(who)s vào mục «%(s)s».")
                % {"who": comment.author_name, "s": comment.section},
            )
            return _after(document, f"comment-{comment.pk}")
    return _page(request, document, status=400, comment_form=form)


@login_required
@require_POST
def comment_answer(request, pk):
    """Answer one comment inline (htmx: the comment's block and the counts come back; else a redirect)."""
    comment = get_object_or_404(
        Comment.objects.select_related("section__document", "delegate__cell", "cell", "answered_by"), pk=pk
    )
    document = _document(request, comment.section.document_id)
    require(request.user, "change", comment)
    form = _answer_form(comment, request.POST)
    if form.is_valid():
        try:
            comment = services.comment_answer(
                comment=comment,
                user=request.user,
                answer=form.cleaned_data["answer"],
                explanation=form.cleaned_data["explanation"],
            )
        except ValidationError as exc:
            _form_errors(form, exc)
        except ServiceError as exc:
            form.add_error(None, str(exc))
    ok = not form.errors
    if request.htmx:
        if ok:
            form = _answer_form(comment)
        else:
            comment.refresh_from_db()
        comment.answer_form = form
        return render(
            request,
            "congress/includes/document_comment.html",
            {
                "comment": comment,
                "document": document,
                "may_answer": True,
                "answered_now": ok,
                "counts": selectors.answer_counts(document),
            },
        )
    if ok:
        messages.success(request, _("Đã trả lời ý kiến của %(who)s.") % {"who": comment.author_name})
        return _after(document, f"comment-{comment.pk}")
    comment.refresh_from_db()
    return _page(request, document, status=400, answer_form=form, answer_for=comment.pk)


@login_required
@require_POST
def document_close(request, pk):
    document = _document(request, pk)
    try:
        services.document_close(document=document, user=request.user)
    except ServiceError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Đã khóa góp ý «%(d)s».") % {"d": document})
    return _after(document)


@login_required
@require_POST
def document_reopen(request, pk):
    document = _document(request, pk)
    try:
        services.document_reopen(document=document, user=request.user)
    except ServiceError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Đã mở lại góp ý «%(d)s».") % {"d": document})
    return _after(document)


@login_required
def synthesis_xlsx(request, pk):
    document = _document(request, pk)
    require(request.user, "view", Comment)
    return workbook_response(exports.synthesis_workbook(document), f"tong-hop-gop-y-{document.pk}")


@login_required
def synthesis_pdf(request, pk):
    document = _document(request, pk)
    require(request.user, "view", Comment)
    response = HttpResponse(exports.synthesis_pdf(document), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="tong-hop-gop-y-{document.pk}.pdf"'
    return response
