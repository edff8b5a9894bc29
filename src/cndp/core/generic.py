"""Generic registry views (khung danh mục dùng chung), NetBox style.

A registry is a few declarative lines:

    class UnitViews(generic.Registry):
        model = Unit
        queryset = Unit.objects.select_related("parent", "province")
        table = UnitTable
        filterset = UnitFilterSet
        form = UnitForm
        detail_fields = ["code", "name", "kind", "parent", "province"]

    urlpatterns = UnitViews.urls()

which gives list (with search, filters, sorting, paging and Excel export of what is filtered),
detail, create, edit, delete and history views, each checking the role and the province scope.
"""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import FieldDoesNotExist, PermissionDenied, ValidationError
from django.db import models
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import localize
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views import View
from django_tables2 import RequestConfig

from cndp.core import fragments
from cndp.core.excel import stream_workbook
from cndp.core.models import YearField
from cndp.core.permissions import can, may_view, require, user_province_id
from cndp.core.services import ScopeViolation, ServiceError, object_delete, object_save, restrict_form
from cndp.core.tables import export_values

PER_PAGE = 50


def display_value(obj, field_name: str, user=None):
    """(label, value, url) for a detail row: choices shown by label, relations linked — only where the
    `user` may open them (a record of another province or of the agency is named without a link)."""
    try:
        field = obj._meta.get_field(field_name)
        label = field.verbose_name
    except FieldDoesNotExist:
        field = None
        attr = getattr(type(obj), field_name, None)
        attr = attr.fget if isinstance(attr, property) else attr
        label = getattr(attr, "short_description", field_name)
    if field is not None and field.choices:
        value = getattr(obj, f"get_{field_name}_display")()
    else:
        value = getattr(obj, field_name)
        if callable(value):
            value = value()
    url = None
    if isinstance(value, models.Model) and hasattr(value, "get_absolute_url"):
        if user is None or may_view(user, value):
            url = value.get_absolute_url()
    elif isinstance(value, bool):
        value = _("Có") if value else _("Không")
    elif value is None or value == "":
        value = "—"
    elif isinstance(field, YearField):
        value = str(value)
    elif isinstance(value, datetime.datetime):
        # Stored in UTC: shown in the user's time zone (Asia/Ho_Chi_Minh), as the templates do.
        value = localize(timezone.localtime(value) if timezone.is_aware(value) else value)
    else:
        value = localize(value)
    return label, value, url


class RegistryView(LoginRequiredMixin, View):
    registry: type[Registry]
    action = "view"

    def base_queryset(self, action=None):
        return self.registry.get_queryset().restrict(self.request.user, action or self.action)

    def get_object(self, action=None):
        obj = get_object_or_404(self.registry.get_queryset(), pk=self.kwargs["pk"])
        require(self.request.user, action or self.action, obj)
        return obj

    def context(self, **extra):
        model = self.registry.model
        user = self.request.user
        ctx = {
            "registry": self.registry,
            "model_name": model._meta.verbose_name,
            "model_name_plural": model._meta.verbose_name_plural,
            "can_add": can(user, "add", model) and self.registry.form is not None,
            "can_change": can(user, "change", model) and self.registry.form is not None,
            "can_delete": can(user, "delete", model) and self.registry.allow_delete,
            "url_names": self.registry.url_names(),
        }
        ctx.update(extra)
        return ctx


class ObjectListView(RegistryView):
    template_name = "core/object_list.html"

    def base_queryset(self, action=None):
        """The list's records (and its export's): the registry's `list_queryset` if it has one."""
        return self.registry.get_list_queryset().restrict(self.request.user, action or self.action)

    def get(self, request):
        if request.GET.get("export") == "xlsx":
            table, filterset = self.list_table(request)
            return self.export(table, filterset)
        require(request.user, "view", self.registry.model)
        # The filters and the table, kept under the data version (core.fragments): rendered again only
        # after a committed change, or for another user, query string, language or day.
        part = fragments.kept(
            request, f"list:{self.registry.__qualname__}:{type(self).__qualname__}", self.list_part
        )
        filter_active = any(v for k, v in request.GET.items() if k not in ("page", "sort", "per_page"))
        export_query = request.GET.copy()
        export_query.pop("page", None)
        export_query["export"] = "xlsx"
        export_job_query = export_query.copy()
        export_job_query["export"] = "job"
        ctx = self.context(
            filter_html=part["filters"],
            table_html=part["table"],
            filter_active=filter_active,
            result_count=part["count"],
            export_query=export_query.urlencode(),
            export_job_query=export_job_query.urlencode(),
        )
        template = "core/includes/table_block.html" if request.htmx else self.template_name
        return render(request, template, ctx)

    def list_part(self) -> dict:
        """The list's filters and table as HTML, and its count (what core.fragments keeps)."""
        request = self.request
        table, filterset = self.list_table(request)
        RequestConfig(request, paginate={"per_page": PER_PAGE}).configure(table)
        context = {"request": request, "table": table, "filterset": filterset}
        return {
            "filters": mark_safe(render_to_string("core/includes/filter_fields.html", context)),
            "table": mark_safe(render_to_string("core/includes/table.html", context)),
            "count": table.paginator.count,
        }

    def post(self, request):
        """«Xuất Excel trong nền»: the list as filtered, exported by a long job."""
        if request.GET.get("export") != "job":
            return HttpResponseNotAllowed(["GET"])
        self.list_table(request)  # the same permission check as the page
        return self.export_job(request)

    def list_table(self, request):
        """(table, filter set) of the list as `request` asks for it, within the user's scope: the page, its
        Excel export and the export job (core.jobs.exports, which finds this view by the list's URL)."""
        require(request.user, "view", self.registry.model)
        queryset = self.base_queryset()
        filterset = self.registry.filterset(request.GET or None, queryset=queryset, request=request)
        queryset = filterset.qs if filterset.is_bound and filterset.is_valid() else queryset
        return self.registry.table(queryset, request=request), filterset

    def export(self, table, filterset):
        """The filtered list in Excel, streamed: the records read by a query iterator, written row by row."""
        header, count, rows = export_values(table)
        title, subtitle = export_titles(self.registry, filterset, count)
        return stream_workbook(title, header, rows, self.registry.model._meta.model_name, subtitle)

    def export_job(self, request):
        """The same export as a long job (core.jobs.exports): the file is kept with the job, and the user
        may leave the page while it is written."""
        from cndp.core.jobs.exports import export_start

        job = export_start(request=request, title=str(self.registry.model._meta.verbose_name_plural))
        return redirect(job.get_absolute_url())


def filter_value_text(field, value) -> str:
    """A filter's value as the reader would write it: «Có»/«Không» for a yes/no box, a choice's label
    rather than its stored code, a date in the language's format, several values joined by commas."""
    if isinstance(value, bool):
        return _("Có") if value else _("Không")
    labels = {}
    # A model choice's value is the record itself (its name); only plain choices are looked up.
    for key, label in () if hasattr(field, "queryset") else getattr(field, "choices", None) or ():
        if isinstance(label, list | tuple):  # a group of choices
            labels.update({str(k): lab for k, lab in label})
        else:
            labels[str(key)] = label
    values = list(value) if isinstance(value, list | tuple | set | models.QuerySet) else [value]
    texts = []
    for item in values:
        if isinstance(item, datetime.date):
            texts.append(localize(item))
        elif str(item) in labels and not isinstance(item, models.Model):
            texts.append(str(labels[str(item)]))
        else:
            texts.append(str(item))
    return ", ".join(texts)


def export_titles(registry, filterset, count: int) -> tuple[str, str]:
    """The export's title (the model's plural name) and subtitle (the filters and the count)."""
    filters = []
    if filterset.is_bound and filterset.is_valid():
        for name, value in filterset.form.cleaned_data.items():
            if value not in (None, "", [], ()):
                field = filterset.form.fields[name]
                filters.append(f"{field.label or name}: {filter_value_text(field, value)}")
    subtitle = _("Bộ lọc: %(f)s") % {"f": "; ".join(filters)} if filters else _("Toàn bộ danh sách")
    subtitle += " — " + ngettext("%(n)s bản ghi", "%(n)s bản ghi", count) % {"n": localize(count)}
    return str(registry.model._meta.verbose_name_plural).capitalize(), subtitle


class ObjectDetailView(RegistryView):
    template_name = "core/object_detail.html"

    def get(self, request, pk):
        obj = self.get_object()
        rows = [display_value(obj, f, user=request.user) for f in self.registry.detail_fields]
        related = []
        for title, accessor, table_class in self.registry.related_tables:
            rel_qs = getattr(obj, accessor).all()
            rel_qs = rel_qs.restrict(request.user, "view") if hasattr(rel_qs, "restrict") else rel_qs
            rel_table = table_class(rel_qs, request=request, exclude=("actions",))
            RequestConfig(request, paginate={"per_page": 20}).configure(rel_table)
            related.append((title, rel_table))
        ctx = self.context(
            object=obj, rows=rows, related=related, tab="detail", **self.registry.detail_extra(obj)
        )
        ctx["can_change"] = ctx["can_change"] and self._may(obj, "change")
        ctx["can_delete"] = ctx["can_delete"] and self._may(obj, "delete")
        return render(request, self.registry.detail_template or self.template_name, ctx)

    def _may(self, obj, action):
        try:
            require(self.request.user, action, obj)
        except (PermissionDenied, Http404):
            return False
        return True


class ObjectEditView(RegistryView):
    template_name = "core/object_edit.html"

    def get_instance(self):
        if "pk" in self.kwargs:
            return self.get_object("change")
        require(self.request.user, "add", self.registry.model)
        return self.registry.model()

    def get_form(self, instance):
        kwargs = (
            {"instance": instance, "user": self.request.user}
            if self.registry.form_takes_user
            else {"instance": instance}
        )
        if self.request.method == "POST":
            form = self.registry.form(self.request.POST, self.request.FILES, **kwargs)
        else:
            form = self.registry.form(initial=self.request.GET.dict() if not instance.pk else None, **kwargs)
        restrict_form(form, self.request.user)
        return form

    def get(self, request, pk=None):
        instance = self.get_instance()
        return render(
            request, self.template_name, self.context(form=self.get_form(instance), object=instance)
        )

    def post(self, request, pk=None):
        instance = self.get_instance()
        form = self.get_form(instance)
        if form.is_valid():
            try:
                obj = object_save(instance=form.save(commit=False), user=request.user, form=form)
            except ScopeViolation as exc:
                for field, message in exc.problems.items():
                    form.add_error(field if field in form.fields else None, message)
            except ServiceError as exc:
                form.add_error(None, str(exc))
            except ValidationError as exc:
                for field, errors in exc.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                messages.success(request, _("Đã lưu «%(obj)s».") % {"obj": obj})
                return redirect(obj.get_absolute_url())
        return render(request, self.template_name, self.context(form=form, object=instance), status=400)


class ObjectDeleteView(RegistryView):
    template_name = "core/object_delete.html"
    action = "delete"

    def get(self, request, pk):
        obj = self.get_object()
        return render(request, self.template_name, self.context(object=obj))

    def post(self, request, pk):
        obj = self.get_object()
        label = str(obj)
        try:
            object_delete(instance=obj, user=request.user)
        except ServiceError as exc:
            messages.error(request, str(exc))
            return redirect(obj.get_absolute_url())
        messages.success(request, _("Đã xóa «%(obj)s».") % {"obj": label})
        return redirect(reverse(self.registry.url_names()["list"]))


class ObjectHistoryView(RegistryView):
    template_name = "core/object_history.html"

    def get(self, request, pk):
        obj = self.get_object()
        if not hasattr(obj, "history"):
            raise Http404
        records = list(
            obj.history.select_related("history_user").order_by("-history_date", "-history_id")[:200]
        )
        entries = []
        raw = []  # (entry changes, field, old, new): labels resolved below, one query per linked model
        for i, record in enumerate(records):
            previous = records[i + 1] if i + 1 < len(records) else None
            changes = []
            if previous is not None and record.history_type == "~":
                delta = record.diff_against(previous)
                for change in delta.changes:
                    if change.field in ("search_folded", "updated", "name_sort_key"):
                        continue
                    field = obj._meta.get_field(change.field)
                    raw.append((changes, field, change.old, change.new))
            entries.append({"record": record, "changes": changes})
        labels = _link_labels(raw)
        for changes, field, old, new in raw:
            changes.append((field.verbose_name, _label(field, old, labels), _label(field, new, labels)))
        return render(request, self.template_name, self.context(object=obj, entries=entries, tab="history"))


def _link_labels(raw) -> dict:
    """{(model, pk): name} of every record a changed link points to: history keeps a link as its id."""
    wanted: dict = {}
    for _changes, field, old, new in raw:
        if field.many_to_one or field.one_to_one:
            wanted.setdefault(field.related_model, set()).update(v for v in (old, new) if v is not None)
    labels = {}
    for model, pks in wanted.items():
        for o in model._default_manager.filter(pk__in=pks):
            labels[(model, o.pk)] = str(o)
    return labels


def _label(field, value, labels):
    """What the user reads for a stored value: a choice's label, a linked record's name, not its code/id."""
    if field.many_to_many:
        return _m2m_labels(field, value)
    if value is None or value == "":
        return value
    if field.many_to_one or field.one_to_one:
        return labels.get((field.related_model, value), value)
    if field.choices:
        return dict(field.flatchoices).get(value, value)
    return value


def _m2m_labels(field, rows) -> str:
    """History keeps many-to-many values as [{"<model>": pk, …}]: show the related records' names."""
    key = field.related_model._meta.model_name
    pks = [row.get(key) for row in rows or []]
    names = {o.pk: str(o) for o in field.related_model._default_manager.filter(pk__in=pks)}
    return ", ".join(names.get(pk, str(pk)) for pk in pks)


class Registry:
    """Declarative description of one registry; `urls()` builds its views and URL patterns."""

    model: type[models.Model]
    queryset: models.QuerySet | None = None
    # The list page's and its Excel export's records, when they need less than `queryset` reads for a
    # record's page: e.g. `.only()` the columns shown and exported (what a table reads and is not in it
    # costs a query per row: the list's query-count tests catch it). None: `queryset`.
    list_queryset: models.QuerySet | None = None
    table = None
    filterset = None
    form = None
    form_takes_user = False
    detail_fields: list[str] = []
    related_tables: list[tuple] = []
    detail_template: str | None = None
    allow_delete = True
    url_prefix: str | None = None
    # Replace a generic view by a subclass of it: {"detail": MyDetailView, "edit": MyEditView, …}
    # ("edit" serves both add and edit).
    view_classes: dict[str, type] = {}

    @classmethod
    def detail_extra(cls, obj) -> dict:
        """Extra context for the detail template."""
        return {}

    @classmethod
    def get_queryset(cls):
        return cls._ordered(cls.queryset)

    @classmethod
    def get_list_queryset(cls):
        if cls.list_queryset is None:
            return cls.get_queryset()
        return cls._ordered(cls.list_queryset)

    @classmethod
    def _ordered(cls, queryset):
        queryset = (queryset if queryset is not None else cls.model.objects.all()).all()
        if not queryset.query.order_by and queryset.query.default_ordering and cls.model._meta.ordering:
            # Django drops Meta.ordering from a query with an aggregate annotation (GROUP BY): state it,
            # so a list and its Excel export keep one order on every database and after a restore.
            queryset = queryset.order_by(*cls.model._meta.ordering)
        return queryset

    @classmethod
    def url_names(cls) -> dict[str, str]:
        app = cls.model._meta.app_label
        name = cls.model._meta.model_name
        return {a: f"{app}:{name}_{a}" for a in ("list", "add", "detail", "edit", "delete", "history")}

    @classmethod
    def urls(cls):
        name = cls.model._meta.model_name
        prefix = cls.url_prefix or f"{name}s"

        def view(action, base):
            base = cls.view_classes.get(action, base)
            return type(f"{cls.model.__name__}{base.__name__}", (base,), {"registry": cls}).as_view()

        patterns = [
            path(f"{prefix}/", view("list", ObjectListView), name=f"{name}_list"),
            path(f"{prefix}/<int:pk>/", view("detail", ObjectDetailView), name=f"{name}_detail"),
            path(f"{prefix}/<int:pk>/history/", view("history", ObjectHistoryView), name=f"{name}_history"),
        ]
        if cls.form is not None:
            patterns += [
                path(f"{prefix}/add/", view("edit", ObjectEditView), name=f"{name}_add"),
                path(f"{prefix}/<int:pk>/edit/", view("edit", ObjectEditView), name=f"{name}_edit"),
            ]
        if cls.allow_delete:
            patterns.append(
                path(f"{prefix}/<int:pk>/delete/", view("delete", ObjectDeleteView), name=f"{name}_delete")
            )
        return patterns


__all__ = [
    "Registry",
    "ObjectListView",
    "ObjectDetailView",
    "ObjectEditView",
    "ObjectDeleteView",
    "ObjectHistoryView",
    "user_province_id",
]
