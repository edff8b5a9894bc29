"""Screens of the cluster register (cơ sở dữ liệu cụm công nghiệp): list (search, filters, sort, paging,
Excel of what is filtered), the clusters that break a Decree 32 condition, a cluster's page with its
flags, decisions and projects, the forms; the production projects; the conditions."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cndp.clusters import forms, selectors, services, tables
from cndp.clusters.filtersets import ClusterFilterSet, ConditionFilterSet, ProjectFilterSet
from cndp.clusters.models import Cluster, ClusterCondition, ClusterDecision, SecondaryProject
from cndp.core import generic
from cndp.core.permissions import can, require
from cndp.core.services import ScopeViolation, ServiceError
from cndp.core.views import form_errors


class ServiceEditView(generic.ObjectEditView):
    """Create and edit through the app's service (`save(instance, user)`), its refusals shown on the form."""

    save = None

    def post(self, request, pk=None):
        instance = self.get_instance()
        form = self.get_form(instance)
        if form.is_valid():
            try:
                obj = type(self).save(form.save(commit=False), request.user)
            except ScopeViolation as exc:
                for field, message in exc.problems.items():
                    form.add_error(field if field in form.fields else None, message)
            except ValidationError as exc:
                for field, errors in exc.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            except ServiceError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, _("Đã lưu «%(obj)s».") % {"obj": obj})
                return redirect(obj.get_absolute_url())
        return render(request, self.template_name, self.context(form=form, object=instance), status=400)


class ClusterEditView(ServiceEditView):
    @staticmethod
    def save(instance, user):
        return services.cluster_save(cluster=instance, user=user)


class ProjectEditView(ServiceEditView):
    @staticmethod
    def save(instance, user):
        return services.project_save(project=instance, user=user)


class FlaggedListView(generic.ObjectListView):
    """Cụm chưa đáp ứng điều kiện của Nghị định 32 (with the rule and its legal basis on each page)."""

    def base_queryset(self, action=None):
        return super().base_queryset(action).filter(flagged=True)

    def context(self, **extra):
        return super().context(**extra, model_name_plural=_("cụm công nghiệp chưa đáp ứng Nghị định 32"))


class ClusterDetailView(generic.ObjectDetailView):
    def context(self, **extra):
        ctx = super().context(**extra)
        cluster, user = extra.get("object"), self.request.user
        if extra.get("tab") == "detail" and cluster is not None:
            ctx["may_decide"] = may_decide(user, cluster)
            ctx["can_add_project"] = ctx["may_decide"] and can(user, "add", SecondaryProject)
            # No decision form once the lifecycle has ended (removed from the plan, revoked).
            ctx["may_decide"] = ctx["may_decide"] and bool(services.decision_kinds(cluster))
            ctx["show_unconfirmed"] = user.is_superuser
        return ctx


class ClusterViews(generic.Registry):
    model = Cluster
    queryset = selectors.cluster_list()
    table = tables.ClusterTable
    filterset = ClusterFilterSet
    form = forms.ClusterForm
    form_takes_user = True
    allow_delete = False  # a cluster leaves the register by a decision (removed, revoked), never deleted
    url_prefix = "clusters"
    detail_template = "clusters/cluster_detail.html"
    detail_fields = Cluster.FIELDS
    view_classes = {"edit": ClusterEditView, "detail": ClusterDetailView}

    @classmethod
    def detail_extra(cls, obj):
        return {
            "flags": [
                {
                    "text": services.flag_text(f),
                    "basis": f.get("basis", ""),
                    "confirmed": f.get("confirmed", True),
                }
                for f in obj.flags or []
            ],
            "decisions": obj.decisions.select_related("recorded_by").order_by("date", "pk"),
            "projects": obj.projects.order_by("name")[:50],
            "project_count": obj.projects.count(),
            "reports": obj.reports.select_related("obligation").order_by("-period_end")[:12],
            "decision_form": forms.DecisionForm(kinds=services.decision_kinds(obj)),
        }


def flagged_urls():
    from django.urls import path

    view = type("ClusterFlaggedListView", (FlaggedListView,), {"registry": ClusterViews}).as_view()
    return [path("clusters/flagged/", view, name="cluster_flagged")]


class ProjectViews(generic.Registry):
    model = SecondaryProject
    queryset = selectors.project_list()
    table = tables.ProjectTable
    filterset = ProjectFilterSet
    form = forms.ProjectForm
    form_takes_user = True
    url_prefix = "projects"
    detail_fields = SecondaryProject.FIELDS
    view_classes = {"edit": ProjectEditView}


class ConditionViews(generic.Registry):
    model = ClusterCondition
    table = tables.ConditionTable
    filterset = ConditionFilterSet
    form = forms.ConditionForm
    allow_delete = False
    url_prefix = "conditions"
    detail_fields = ClusterCondition.FIELDS


@login_required
@require_POST
def cluster_decision(request, pk):
    """Ghi nhận quyết định: the decision form on the cluster's page."""
    cluster = get_object_or_404(Cluster, pk=pk)
    require(request.user, "change", cluster)
    require(request.user, "add", ClusterDecision)
    form = forms.DecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, form_errors(form))
        return redirect(cluster.get_absolute_url() + "#decision")
    try:
        decision = services.cluster_transition(cluster=cluster, user=request.user, **form.cleaned_data)
    except ValidationError as exc:
        messages.error(request, " ".join(m for ms in exc.message_dict.values() for m in ms))
    except ServiceError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Đã ghi nhận «%(d)s».") % {"d": decision})
    return redirect(cluster.get_absolute_url())


def may_decide(user, cluster) -> bool:
    return (
        can(user, "add", ClusterDecision)
        and Cluster.objects.restrict(user, "change").filter(pk=cluster.pk).exists()
    )
