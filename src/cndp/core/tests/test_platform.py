"""The platform: demo data (idempotent, the seed's numbers), roles, language switch, API schema, tasks."""

import datetime
import io
import json
import os

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from cndp.accounts.models import Unit, User
from cndp.core.demo import demo_load
from cndp.party.models import Member
from cndp.party.selectors import member_counts

pytestmark = pytest.mark.django_db


def test_demo_has_the_seed_numbers_and_is_idempotent(demo):
    counts = (Unit.objects.count(), User.objects.count(), Member.objects.count())
    demo_load()
    demo_load()
    assert (Unit.objects.count(), User.objects.count(), Member.objects.count()) == counts
    seed = member_counts(datetime.date(2015, 6, 10))
    assert (seed.cells, seed.members, seed.official, seed.probationary, seed.staff) == (8, 56, 43, 13, 79)
    assert round(seed.ratio, 1) == 70.9
    assert Unit.objects.filter(kind="doit").count() == 34
    assert Unit.objects.filter(kind="extension_centre").count() == 34
    for cell in Unit.objects.filter(kind="party_cell"):
        official = [
            m for m in cell.party_members.all() if m.status_at(datetime.date(2015, 6, 10)) == "official"
        ]
        assert len(official) >= 3, cell  # Charter Art. 24


def test_every_role_has_a_demo_login(demo):
    from cndp.accounts.choices import Role

    roles = {g for u in demo.values() for g in u.roles}
    assert roles == {r.value for r in Role}


def test_home_shows_counts_at_the_chosen_date(client_for):
    response = client_for("party_officer").get(reverse("home"), {"at": "10/06/2015"})
    assert response.status_code == 200
    (panel,) = [p for p in response.context["panels"] if "party" in p]  # the party app's panel
    party = panel["party"]
    assert (party.members, party.official, party.probationary) == (56, 43, 13)
    assert "70,9 %" in response.content.decode()
    response = client_for("party_officer").get(reverse("home"), {"at": "31/02/2015"})  # invalid → today
    (panel,) = [p for p in response.context["panels"] if "party" in p]
    assert panel["at"] == datetime.date.today()
    # A province officer has no party panel at all.
    response = client_for("province_officer").get(reverse("home"))
    assert response.status_code == 200
    assert not [p for p in response.context["panels"] if "party" in p]
    assert "party-counts" not in response.content.decode()


def test_navigation_shows_only_what_the_role_may_see(client_for):
    menu = client_for("province_officer").get(reverse("home")).context["menu"]
    names = {item["url_name"] for group in menu for item in group["items"]}
    assert "party:member_list" not in names
    assert "accounts:unit_list" in names
    menu = client_for("party_officer").get(reverse("home")).context["menu"]
    assert "party:member_list" in {item["url_name"] for group in menu for item in group["items"]}


def test_vietnamese_by_default_whatever_the_browser_says_and_english_on_request(client_for):
    client = client_for("leader")
    response = client.get(reverse("home"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert 'lang="vi"' in response.content.decode()
    assert "Trang chủ" in response.content.decode()
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    response = client.get(reverse("places:province_list"))
    content = response.content.decode()
    assert 'lang="en"' in content
    assert "Provinces and cities" in content
    assert "Export to Excel" in content


def test_vietnamese_number_and_date_formats(client_for):
    content = (
        client_for("leader")
        .get(reverse("places:province_list"), {"version": "63", "q": "kon tum"})
        .content.decode()
    )
    assert "30/06/2025" in content


def test_openapi_schema_is_valid_openapi_3(client_for):
    out = io.StringIO()
    call_command("spectacular", "--validate", "--fail-on-warn", "--format", "openapi-json", stdout=out)
    schema = json.loads(out.getvalue())
    assert schema["openapi"].startswith("3.")
    assert "/api/accounts/units/" in schema["paths"]
    response = client_for("leader").get(reverse("api-schema"), HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert response.status_code == 200
    assert client_for("leader").get(reverse("api-docs")).status_code == 200


def test_email_task_sends_mail():
    from cndp.core.tasks import send_email

    result = send_email.enqueue(subject="Thử", body="Nội dung có dấu: Đảng bộ", recipients=["a@cndp.local"])
    assert result.return_value == 1
    assert mail.outbox[0].body == "Nội dung có dấu: Đảng bộ"


def test_the_console_script_makes_a_data_folder_named_but_not_made_yet(tmp_path):
    """`CNDP_DATA_DIR=/some/new/folder cndp setup` on a fresh machine: the folder is made, the SQLite
    file is created in it (SQLite alone says only "unable to open database file")."""
    import subprocess
    import sys

    folder = tmp_path / "not" / "made" / "yet"
    script = (
        "import os, sys; from cndp.cli import _django; _django('cndp.config.settings.dev');"
        "from django.db import connection; connection.ensure_connection();"
        "print(os.path.isdir(os.environ['CNDP_DATA_DIR']), connection.settings_dict['NAME'])"
    )
    env = {k: v for k, v in os.environ.items() if k not in ("DJANGO_SETTINGS_MODULE", "DATABASE_URL")}
    env["CNDP_DATA_DIR"] = str(folder)
    done = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    made, name = done.stdout.split()
    assert made == "True" and str(name).startswith(str(folder))
    assert (folder / "db.sqlite3").exists()


MENU_LOOP = """{% for group in menu %}
        <li class="nav-item dropdown">
          <a class="nav-link dropdown-toggle" href="#" role="button" data-bs-toggle="dropdown" aria-expanded="false">{{ group.label }}</a>
          <ul class="dropdown-menu">
            {% for item in group.items %}<li><a class="dropdown-item" href="{{ item.url }}">{{ item.label }}</a></li>{% endfor %}
          </ul>
        </li>
        {% endfor %}"""


@pytest.mark.parametrize("language", ["vi", "en"])
def test_the_menus_markup_is_that_of_the_template_loop_it_replaced(client_for, language):
    """The menu's markup is written once per menu (navigation.Menu.html): the same HTML as base.html's
    former loop over the groups and their entries, for each role, in both languages, characters to
    escape included."""
    from django.template import Context, Template
    from django.utils import translation

    from cndp.core.navigation import Menu

    loop = Template(MENU_LOOP)
    for role in ("agency_officer", "province_officer", "party_officer", "leader"):
        client = client_for(role)
        client.post(reverse("set_language"), {"language": language, "next": "/"})
        response = client.get(reverse("home"))
        assert f'lang="{language}"' in response.content.decode()
        menu = response.context["menu"]
        with translation.override(language):
            assert menu and menu.html == loop.render(Context({"menu": menu}))
        assert menu.html in response.content.decode()
    odd = Menu([{"label": 'A & "B" <c>', "items": [{"label": "<x> & y", "url": "/a?b=1&c=2"}]}])
    assert odd.html == loop.render(Context({"menu": odd}))
    assert Menu().html == loop.render(Context({"menu": []})) == ""
