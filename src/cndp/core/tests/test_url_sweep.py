"""Rà soát quyền theo địa chỉ: every URL pattern of the project, filled with real demo records, fetched
(GET) as an anonymous visitor and as each of the eight demo users, and checked against an explicit table
of who may open it. A regression net for the permission and province-scope rules:

- anonymous: a redirect to the login page, or 401/403 from the API — never a page with data;
- a user the table does not allow: 403 (the Django admin site: a redirect to its login page);
- a user the table allows: the page (200), or what the table says (405 for an address that takes POST);
- a province officer never sees another province's record: every province-scoped record below is taken
  from Đà Nẵng, so Hà Nội's officer gets 404 on each of them (Đà Nẵng's officer gets the page), and none
  of them shows up in any page Hà Nội's officer gets;
- an officer of a unit of the Ministry (confined to its unit) gets 404 on a record that does not
  concern its unit (a task it neither leads nor coordinates, and what hangs on it);
- nobody ever gets a 5xx.

Who may open a page comes from `accounts/roles.py` (ROLE_PERMISSIONS): the table names the permissions a
GET needs, and the roles holding all of them are the ones allowed. A registry's list / detail / history /
add / edit / delete pages and the API's lists and records need the view / add / change / delete
permission of their model; every other address is listed in EXPECTATIONS, and a new address that is in
neither fails the test until someone says who may open it.

Every pattern is swept, none skipped. Where the demo data has no record for a parameter, it is made here
(one project document, through the service) or, for the Django admin pages of models the demo never fills
(the task results, login-attempt logs and API tokens) and of versions the demo never recorded (the
extension's reference data is loaded without history), the admin is asked for pk 0: those pages test the
admin's staff gate, not a record. A page of the project's own whose model has no record at all in the
data (a module whose demo data is still to come) can only be checked to show nothing: refused or 404.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pytest
from django.apps import apps
from django.contrib.auth.tokens import default_token_generator
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils.encoding import force_bytes
from django.utils.html import escape
from django.utils.http import urlsafe_base64_encode

from cndp.accounts.roles import ROLE_PERMISSIONS

pytestmark = pytest.mark.django_db

ANONYMOUS = "anonymous"
ROLES = [
    ANONYMOUS,
    "admin",
    "agency_officer",
    "province_officer",
    "province_officer_2",
    "party_officer",
    "counting_board",
    "leader",
    "ministry_unit_officer",
]
OTHER_PROVINCE = "48"  # Đà Nẵng (province_officer_2's): the province of every scoped record swept


@dataclass(frozen=True)
class Expect:
    """Who may GET an address: `who` is "public" (anyone, signed in or not), "signed_in" (any user),
    "staff" (the Django admin site) or "clerk" (the election's two ballot-entry clerks), each also
    holding every permission in `needs` ("app.action_model", as granted in roles.py)."""

    needs: tuple[str, ...] = ()
    who: str = "signed_in"
    ok: int = 200  # what an allowed user gets (405: the address takes only POST; 0: anything but a 5xx)


def perms(*needs: str, ok: int = 200) -> Expect:
    return Expect(needs=needs, ok=ok)


PUBLIC = Expect(who="public")
SIGNED_IN = Expect()
POST_ONLY = Expect(ok=405)  # action endpoints: a GET is refused (after the login check) before any read
ADMIN_SITE = Expect(who="staff", ok=0)  # the admin's own views answer the staff with forms, states, 404s

# URL name → what a GET needs, for every address that is not a registry page or an API list / record.
EXPECTATIONS: dict[str, Expect] = {
    "home": SIGNED_IN,
    "search": SIGNED_IN,
    "set_language": Expect(who="public", ok=302),
    "login": Expect(who="public", ok=0),  # 200; a signed-in user is sent on
    "logout": Expect(who="public", ok=405),
    "password_change": SIGNED_IN,
    "password_change_done": SIGNED_IN,
    "password_reset": PUBLIC,
    "password_reset_done": PUBLIC,
    "password_reset_confirm": Expect(who="public", ok=302),  # a valid token: on to the new password
    "password_reset_complete": PUBLIC,
    # party
    "party:member_counts": perms("party.view_member"),
    "party:probation_due": perms("party.view_member"),
    "party:cell_autocomplete": perms("party.view_member"),
    "party:member_import": perms("party.add_member"),
    "party:member_import_template": perms("party.add_member"),
    "party:memberevent_delete": POST_ONLY,
    # congress
    "congress:summons_build": POST_ONLY,
    "congress:checkin": perms("congress.view_congress", "congress.change_delegate"),
    "congress:checkin_search": perms("congress.view_congress", "congress.change_delegate"),
    "congress:checkin_submit": POST_ONLY,
    "congress:attendance_panel": perms("congress.view_congress"),
    "congress:attendance_report": perms("congress.view_congress"),
    "congress:proceedings": perms("congress.view_congress"),
    "congress:cards": perms("congress.view_congress", "congress.view_delegate"),
    "congress:delegate_exclusion": POST_ONLY,
    "congress:document_section_add": POST_ONLY,
    "congress:document_sections_import": POST_ONLY,
    "congress:document_comment_add": POST_ONLY,
    "congress:document_close": POST_ONLY,
    "congress:document_reopen": POST_ONLY,
    "congress:section_delete": POST_ONLY,
    "congress:comment_answer": POST_ONLY,
    "congress:document_synthesis_xlsx": perms("congress.view_draftdocument", "congress.view_comment"),
    "congress:document_synthesis_pdf": perms("congress.view_draftdocument", "congress.view_comment"),
    # elections
    "elections:election_detail": perms("elections.view_election"),
    "elections:entry": Expect(needs=("elections.view_election",), who="clerk"),
    "elections:projector": perms("elections.view_election"),
    "elections:minutes": perms("elections.view_election"),
    "elections:ballot": perms("elections.view_election"),
    "elections:tally_export": perms("elections.view_election"),
    "elections:board": perms("elections.view_countingboardmember"),
    "elections:candidate_add": POST_ONLY,
    "elections:candidate_withdraw": POST_ONLY,
    "elections:list_adopt": POST_ONLY,
    "elections:counting_start": POST_ONLY,
    "elections:clerk_finish": POST_ONLY,
    "elections:settle": POST_ONLY,
    "elections:count": POST_ONLY,
    "elections:certify": POST_ONLY,
    "elections:decide": POST_ONLY,
    "elections:recount": POST_ONLY,
    "elections:approve": POST_ONLY,
    # industrial extension
    "extension:project_transition": POST_ONLY,
    "extension:appraisal_add": POST_ONLY,
    "extension:ledger_add": POST_ONLY,
    "extension:selection": perms("extension.add_appraisal", "extension.change_project"),
    "extension:report": perms("extension.view_project"),
    # the agency imports (a province officer may add projects, not their lifecycle records)
    "extension:project_import": perms("extension.add_project", "extension.add_projecttransition"),
    "extension:project_import_template": perms("extension.add_project", "extension.add_projecttransition"),
    "extension:report_submit": POST_ONLY,
    "extension:report_review": POST_ONLY,
    "extension:document_add": POST_ONLY,
    "extension:document_download": perms("extension.view_projectdocument"),
    # places
    "places:province_map": perms("places.view_province"),
    # the reporting calendar
    "obligations:todo": perms("obligations.view_obligation"),
    "obligations:obligation_submit": POST_ONLY,
    "obligations:obligation_review": POST_ONLY,
    "clusters:report_schedule": perms("clusters.add_clusterreport"),
    "clusters:report_enter": POST_ONLY,
    "clusters:report_compute": POST_ONLY,
    "clusters:report_sign": POST_ONLY,
    "clusters:report_submit": POST_ONLY,
    "clusters:report_review": POST_ONLY,
    "clusters:report_pdf": perms("clusters.view_clusterreport"),
    "clusters:picture": perms("clusters.view_cluster"),
    "clusters:cluster_import": perms("clusters.add_cluster", "clusters.add_clusterdecision"),
    "clusters:cluster_import_template": perms("clusters.add_cluster", "clusters.add_clusterdecision"),
    # industrial clusters
    "clusters:cluster_flagged": perms("clusters.view_cluster"),
    "clusters:cluster_decision": POST_ONLY,
    # follow-up of leaders' conclusions (the agency enters the tasks; the units assigned report)
    "followup:notice_paste": perms("followup.view_notice", "followup.add_task"),
    "followup:notice_tasks_save": POST_ONLY,
    "followup:notice_file": perms("followup.view_notice", ok=0),  # 404 when no PDF is attached
    "followup:task_report": POST_ONLY,
    "followup:task_confirm": POST_ONLY,
    "followup:task_return": POST_ONLY,
    "followup:task_extend": POST_ONLY,
    "followup:report_document": perms("followup.view_progressreport", ok=0),  # 404 without a document
    "followup:report": perms("followup.view_task"),
    "followup:digest": perms("followup.view_task", "followup.view_leader"),
    "followup:province_tasks": perms("followup.view_task"),
    # local-industry monitoring (a submission's page is the entry grid: the registry's detail address)
    "indicators:dashboard": perms("indicators.view_submission"),
    "indicators:entry": perms("indicators.view_submission"),
    "indicators:submission_detail": perms("indicators.view_submission"),
    "indicators:submission_review": POST_ONLY,
    "indicators:submission_template": perms("indicators.view_submission"),
    "indicators:submission_upload": POST_ONLY,
    "indicators:completeness": perms("indicators.view_submission"),
    "indicators:analysis": perms("indicators.view_datavalue"),
    "indicators:series": perms("indicators.view_datavalue"),
    "indicators:brief": perms("indicators.view_datavalue"),
    "indicators:exchange_upload": perms("indicators.add_datavalue", "indicators.change_datavalue"),
    # long jobs: any user's own (another user's job, or one that does not exist, is a 404)
    "jobs:job_list": SIGNED_IN,
    "jobs:job_detail": SIGNED_IN,
    "jobs:job_status": SIGNED_IN,
    "jobs:job_input": SIGNED_IN,
    "jobs:job_result": SIGNED_IN,
    "jobs:job_retry": POST_ONLY,  # a failed job of one's own, run again
    # API
    "api-root": SIGNED_IN,
    "api-token": Expect(who="public", ok=405),
    "api-schema": SIGNED_IN,
    "api-docs": SIGNED_IN,
    # extra API actions take POST; DRF checks the view permission first, then refuses the method
    "extension-api:progressreport-review": perms("extension.view_progressreport", ok=405),
    "extension-api:progressreport-submit": perms("extension.view_progressreport", ok=405),
    "obligations-api:obligation-submit": perms("obligations.view_obligation", ok=405),
    "indicators-api:submission-submit": perms("indicators.view_submission", ok=405),
    "indicators-api:aggregate": perms("indicators.view_datavalue", ok=400),  # without its parameters
    "indicators-api:completeness": perms("indicators.view_submission", ok=400),
    "followup-api:task-confirm": perms("followup.view_task", ok=405),
    "followup-api:task-extend": perms("followup.view_task", ok=405),
    "admin:login": Expect(who="public", ok=0),  # staff already signed in: on to the admin's index
}

# Refusals of another shape: the API's Swagger page is HTML (to the login page); the admin sends a
# non-staff user's logout to its index (which sends them on to its login page).
REFUSALS = {"api-docs": "redirect:/login/", "admin:logout": "redirect:/admin/"}

# Pages where a province officer may see another province's record, and why.
DISCLOSED = {
    # đơn vị phối hợp: a project may name any province's Department or centre as a coordinating unit
    "extension:project_add": "the coordinating units to choose from",
}

REGISTRY_ACTIONS = {
    "list": "view",
    "detail": "view",
    "history": "view",
    "add": "add",
    "edit": "change",
    "delete": "delete",
}

# Function views that take a record's pk: the model the pk belongs to.
PK_MODELS = {
    "jobs:job_detail": "core.Job",
    "jobs:job_status": "core.Job",
    "jobs:job_input": "core.Job",
    "jobs:job_result": "core.Job",
    "jobs:job_retry": "core.Job",
    "party:memberevent_delete": "party.Member",
    "congress:summons_build": "congress.Congress",
    "congress:checkin": "congress.Congress",
    "congress:checkin_search": "congress.Congress",
    "congress:checkin_submit": "congress.Congress",
    "congress:attendance_panel": "congress.Congress",
    "congress:attendance_report": "congress.Congress",
    "congress:proceedings": "congress.Congress",
    "congress:cards": "congress.Congress",
    "congress:delegate_exclusion": "congress.Delegate",
    "congress:document_section_add": "congress.DraftDocument",
    "congress:document_sections_import": "congress.DraftDocument",
    "congress:document_comment_add": "congress.DraftDocument",
    "congress:document_close": "congress.DraftDocument",
    "congress:document_reopen": "congress.DraftDocument",
    "congress:document_synthesis_xlsx": "congress.DraftDocument",
    "congress:document_synthesis_pdf": "congress.DraftDocument",
    "congress:section_delete": "congress.DocumentSection",
    "congress:comment_answer": "congress.Comment",
    **{name: "elections.Election" for name in EXPECTATIONS if name.startswith("elections:")},
    "extension:project_transition": "extension.Project",
    "extension:appraisal_add": "extension.Project",
    "extension:ledger_add": "extension.Project",
    "extension:document_add": "extension.Project",
    "extension:document_download": "extension.ProjectDocument",
    "extension:report_submit": "extension.ProgressReport",
    "extension:report_review": "extension.ProgressReport",
    "obligations:obligation_submit": "obligations.Obligation",
    "obligations:obligation_review": "obligations.Obligation",
    "clusters:report_enter": "clusters.ClusterReport",
    "clusters:report_compute": "clusters.ClusterReport",
    "clusters:report_sign": "clusters.ClusterReport",
    "clusters:report_submit": "clusters.ClusterReport",
    "clusters:report_review": "clusters.ClusterReport",
    "clusters:report_pdf": "clusters.ClusterReport",
    "indicators:submission_detail": "indicators.Submission",
    "indicators:submission_review": "indicators.Submission",
    "indicators:submission_template": "indicators.Submission",
    "indicators:submission_upload": "indicators.Submission",
    "followup:notice_paste": "followup.Notice",
    "followup:notice_tasks_save": "followup.Notice",
    "followup:notice_file": "followup.Notice",
    "followup:task_report": "followup.Assignment",
    "followup:task_confirm": "followup.Task",
    "followup:task_return": "followup.Task",
    "followup:task_extend": "followup.Task",
    "followup:report_document": "followup.ProgressReport",
    "clusters:cluster_decision": "clusters.Cluster",
}

# Which record to take where the first one would not show the page: a project still open to editing.
PREFERRED = {"extension.project": {"status": "registered"}}


# ---- the URL patterns, filled with real records ---------------------------------------------------------


@dataclass(frozen=True)
class Route:
    route: str  # the pattern as written, e.g. "extension/projects/<int:pk>/"
    name: str | None  # namespaced, e.g. "extension:project_detail" (None: an unnamed admin redirect)
    pattern: URLPattern

    @property
    def admin(self) -> bool:
        return self.route.startswith("admin/")

    @property
    def api(self) -> bool:
        return self.route.startswith("api/")

    @property
    def registry(self):
        return getattr(getattr(self.pattern.callback, "view_class", None), "registry", None)

    @property
    def viewset_model(self):
        queryset = getattr(getattr(self.pattern.callback, "cls", None), "queryset", None)
        return queryset.model if queryset is not None else None


def _routes() -> list[Route]:
    def walk(patterns, prefix="", namespace=""):
        for p in patterns:
            if isinstance(p, URLResolver):
                ns = ":".join(filter(None, [namespace, p.namespace or ""]))
                yield from walk(p.url_patterns, prefix + str(p.pattern), ns)
            else:
                name = f"{namespace}:{p.name}" if namespace and p.name else p.name
                yield Route(prefix + str(p.pattern), name, p)

    routes = list(walk(get_resolver().url_patterns))
    return sorted(routes, key=lambda r: "logout" in (r.name or ""))  # stay signed in to the end


def _expectation(route: Route) -> Expect:
    if route.name in EXPECTATIONS:
        return EXPECTATIONS[route.name]
    if route.admin:
        return ADMIN_SITE
    if route.registry is not None:
        opts = route.registry.model._meta
        action = REGISTRY_ACTIONS[route.name.rsplit("_", 1)[1]]
        return perms(f"{opts.app_label}.{action}_{opts.model_name}")
    if route.viewset_model is not None:  # a GET on a list or a record of the API
        opts = route.viewset_model._meta
        return perms(f"{opts.app_label}.view_{opts.model_name}")
    if route.name and route.name.endswith("-api:api-root"):
        return SIGNED_IN
    raise AssertionError(f"{route.route} ({route.name}): no expectation, add it to EXPECTATIONS")


class Filler:
    """Real values for a pattern's parameters: a record of the right model (a province-scoped one from Đà
    Nẵng), a related record for the second pk, a valid password-reset token, "json" for a format."""

    def __init__(self, province, reset_user=None):
        self.province = province
        self.reset_user = reset_user  # whose password-reset link to open: nobody the sweep signs in
        self.records = {}
        self.missing = set()  # routes whose record the data lacks (see `_expected`)

    def record(self, model):
        if model not in self.records:
            path = getattr(model, "scope_path", None)
            queryset = model._default_manager.order_by("pk")
            if path:
                queryset = queryset.filter(**{path: self.province})
            preferred = queryset.filter(**PREFERRED.get(model._meta.label_lower, {}))
            self.records[model] = (preferred if preferred.exists() else queryset).first()
        return self.records[model]

    def markers(self) -> set[str]:
        """Texts that name the other province's records swept: none may show in a page of Hà Nội's."""
        from cndp.extension.models import Project

        texts = set()
        for model, obj in self.records.items():
            if obj is not None and getattr(model, "scope_path", None):
                project = obj if isinstance(obj, Project) else getattr(obj, "project", None)
                texts.add(project.code if project is not None else str(obj))  # a unit, a user
        return {escape(text) for text in texts}

    def model_of(self, route: Route):
        if route.admin:
            app_label, model_name = route.route.split("/")[1:3]
            return apps.get_model(app_label, model_name)
        if route.registry is not None:
            return route.registry.model
        if route.viewset_model is not None:
            return route.viewset_model
        assert route.name in PK_MODELS, (
            f"{route.route} ({route.name}): which model is <pk>? Add it to PK_MODELS"
        )
        return apps.get_model(PK_MODELS[route.name])

    def fill(self, route: Route) -> tuple[str, object]:
        """The address to GET and the record it shows (None for a page of no record)."""
        regex = route.pattern.pattern.regex
        names = list(regex.groupindex)
        kwargs, obj = {}, None
        if "content_type_id" in names:  # the admin's "view on site": a project's page
            obj = self.record(apps.get_model("extension.Project"))
            kwargs.update(content_type_id=ContentType.objects.get_for_model(obj).pk, object_id=obj.pk)
        elif {"pk", "object_id", "id"} & set(names):
            obj = self.record(self.model_of(route))
            key = next(k for k in ("pk", "object_id", "id") if k in names)
            kwargs[key] = obj.pk if obj is not None else 0  # 0: no record of the model (module docstring)
            if obj is None:
                self.missing.add(route)
        for name in names:
            if name in kwargs or name == "token":
                continue
            if name == "event_pk":
                kwargs[name] = obj.events.order_by("pk").first().pk
            elif name == "candidate_pk":
                kwargs[name] = obj.candidates.order_by("pk").first().pk
            elif name == "congress_pk":
                obj = self.record(apps.get_model("congress.Congress"))
                kwargs[name] = obj.pk
            elif name == "format":
                kwargs[name] = "json"
            elif name == "uidb64":
                kwargs[name] = urlsafe_base64_encode(force_bytes(self.reset_user.pk))
                kwargs["token"] = default_token_generator.make_token(self.reset_user)
            elif name == "app_label":
                kwargs[name] = "extension"
            elif name == "url":
                kwargs[name] = "khong-co-trang-nay/"
            else:
                raise AssertionError(f"{route.route}: no value for <{name}>")
        if regex.groups > len(names):  # simple-history's admin page of one version: (object_id, history_id)
            obj = self.record(self.model_of(route))
            version = obj.history.order_by("-history_id").first() if obj is not None else None
            args = [obj.pk if obj else 0, version.history_id if version else 0]
            return reverse(route.name, args=args), obj
        if route.name is None:  # the admin's unnamed redirect from <object_id>/ to its change page
            return "/" + re.sub(r"<(?:\w+:)?(\w+)>", lambda m: str(kwargs[m.group(1)]), route.route), obj
        return reverse(route.name, kwargs=kwargs), obj


# ---- who may open what ----------------------------------------------------------------------------------


def _grants(role: str, need: str) -> bool:
    """Does roles.py give `role` the permission "app.action_model"?"""
    app_label, codename = need.split(".")
    action, model_name = codename.split("_", 1)
    granted = ROLE_PERMISSIONS[role]
    return action in granted.get("*", ()) or action in granted.get(f"{app_label}.{model_name}", ())


def _allowed(user, expect: Expect, obj) -> bool:
    if expect.who == "public":
        return True
    if user is None:
        return False
    if expect.who == "staff":
        return user.is_staff
    if expect.who == "clerk" and user.pk not in (obj.clerk_a_id, obj.clerk_b_id):
        return False
    role = user.groups.get().name
    return all(_grants(role, need) for need in expect.needs)


def _province_of(obj):
    """The province of a province-scoped record (None: not scoped)."""
    path = getattr(type(obj), "scope_path", None) if obj is not None else None
    if not path:
        return None
    value = obj
    for attr in path.split("__"):
        value = getattr(value, attr)
    return value


def _refused(route: Route, user) -> str:
    """How a refusal looks: the login page for the HTML pages and the admin, 401/403 for the API."""
    if route.name in REFUSALS:
        return REFUSALS[route.name]
    if route.admin:
        return "redirect:/admin/login/"
    if user is None:
        return "401/403" if route.api else "redirect:/login/"
    return "403"


def _expected(route: Route, user, obj) -> str:
    expect = _expectation(route)
    if not _allowed(user, expect, obj):
        return _refused(route, user)
    province = _province_of(obj)
    confined = getattr(user, "scope_province_id", None)
    if confined and province is not None and province.pk != confined and expect.ok != 405:
        return "404"  # another province's record: its existence is not disclosed
    if not _concerns_unit(user, obj) and expect.ok != 405:
        return "404"  # a Ministry unit's officer: a record that does not concern its unit
    return str(expect.ok) if expect.ok else "not 5xx"


def _concerns_unit(user, obj) -> bool:
    """For an officer of a unit of the Ministry (confined to its unit), does the record concern the unit
    (its model's `unit_scope_path` leads to it)? True for everyone else and for unscoped records."""
    unit_id = getattr(user, "scope_unit_id", None)
    path = getattr(type(obj), "unit_scope_path", None) if obj is not None else None
    if not unit_id or not path:
        return True
    return type(obj)._base_manager.filter(pk=obj.pk, **{path: unit_id}).exists()


def _matches(response, expected: str) -> bool:
    if expected.startswith("redirect:"):
        prefix = expected.removeprefix("redirect:")
        return response.status_code == 302 and response["Location"].startswith(prefix)
    if expected == "401/403":
        return response.status_code in (401, 403)
    if expected == "not 5xx":
        return response.status_code < 500
    if expected == "no record":  # nothing to show: refused or not found, never a page
        return 400 <= response.status_code < 500 or response.status_code == 302
    return str(response.status_code) == expected


def sweep(user, filler: Filler) -> tuple[int, list[str]]:
    """GET every address as `user` (None: anonymous); the number tried and what went wrong, each line
    saying which kind: a 5xx, an unexpected allow (2xx where the table refuses), a leak (another
    province's record in the page), or a mismatch (any other answer than the table's)."""
    plan = [(route, *filler.fill(route)) for route in _routes()]
    markers = filler.markers() if getattr(user, "scope_province_id", None) != filler.province.pk else set()
    confined = user is not None and user.scope_province_id is not None
    client = Client(raise_request_exception=False)
    if user is not None:
        client.force_login(user)
    problems = []
    for route, url, obj in plan:
        expected = "no record" if route in filler.missing and not route.admin else _expected(route, user, obj)
        response = client.get(url)
        status = response.status_code
        where = f"{route.name or route.route} GET {url} → {status}"
        if confined and status == 200 and not response.streaming and route.name not in DISCLOSED:
            body = response.content.decode(errors="replace")
            leaked = sorted(m for m in markers if m in body)
            if leaked:
                problems.append(f"leak: {where} shows {leaked}")
        if _matches(response, expected):
            continue
        if status >= 500:
            kind = "5xx"
        elif status < 300 and expected.startswith(("4", "redirect:")):
            kind = "unexpected allow"
        else:
            kind = "mismatch"
        error = getattr(response, "exc_info", None)
        detail = f" ({error[1]!r})" if error else ""
        detail += f" to {response['Location']}" if response.has_header("Location") else ""
        problems.append(f"{kind}: {where}, expected {expected}{detail}")
    return len(plan), problems


@pytest.fixture
def filler(demo, monkeypatch):
    from cndp.accounts.models import User
    from cndp.extension import services
    from cndp.extension.models import Project
    from cndp.places.models import Province

    # PDFs are rendered from their templates but not laid out: the sweep is about who gets them, and
    # laying out 56 delegate cards for each role would be most of its time
    monkeypatch.setattr("weasyprint.HTML.write_pdf", lambda self, *args, **kwargs: b"%PDF-1.7")
    province = Province.objects.get(pk=demo["province_officer_2"].scope_province_id)
    assert province.code == OTHER_PROVINCE
    # the demo data has no project document: the agency attaches one to a project of that province
    project = Project.objects.filter(province_current=province).order_by("pk").first()
    services.document_add(
        project=project,
        user=demo["agency_officer"],
        kind="report",
        title="Biên bản nghiệm thu (rà soát quyền)",
        file=SimpleUploadedFile("nghiem-thu.pdf", b"%PDF-1.4 sweep"),
    )
    others = User.objects.exclude(pk__in=[user.pk for user in demo.values()]).filter(is_active=True)
    return Filler(province, reset_user=others.order_by("pk").first())


@pytest.mark.parametrize("role", ROLES)
def test_every_url_answers_each_role_as_the_table_says(role, demo, filler):
    tried, problems = sweep(None if role == ANONYMOUS else demo[role], filler)
    assert tried > 400  # every pattern of the project, the admin site's included
    assert not problems, f"{len(problems)} of {tried} addresses:\n" + "\n".join(problems)


def test_the_table_is_derived_from_roles_py(demo):
    """The same table refuses and allows as roles.py says: the agency's pages are not the province's,
    the party's are not the extension's, and a new role permission changes what the sweep expects."""
    from cndp.places.models import Province

    assert set(ROLES) - {ANONYMOUS} == set(demo)  # a new demo user is swept too
    filler = Filler(Province.objects.get(pk=demo["province_officer_2"].scope_province_id))
    routes = {r.name: r for r in _routes() if r.name}
    province, agency = demo["province_officer"], demo["agency_officer"]
    selection = routes["extension:selection"]
    assert _expected(selection, province, None) == "403" and _expected(selection, agency, None) == "200"
    members = routes["party:member_list"]
    assert _expected(members, demo["party_officer"], None) == "200"
    assert _expected(members, province, None) == "403"
    assert _expected(members, None, None) == "redirect:/login/"
    project = routes["extension:project_detail"]
    url, obj = filler.fill(project)
    assert _expected(project, province, obj) == "404"
    assert _expected(project, demo["province_officer_2"], obj) == "200"
    assert _expected(routes["extension-api:project-list"], None, None) == "401/403"
    assert _expected(routes["admin:index"], agency, None) == "redirect:/admin/login/"
