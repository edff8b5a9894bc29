"""Congress day in the browser: the check-in desk by keyboard alone (ambiguous name, exact name, someone
already present, a card scan, a clicked result) with 300 delegates; a closed congress; the projector's
contrast computed as WCAG does it from the page's own colours."""

import pytest

from cndp.core.tests.browser import login, ready, shot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

CLOSED = "Đại hội đã bế mạc: dữ liệu của đại hội chỉ còn để xem, không thay đổi được nữa."


def feedback(page, outcome, text):
    """Wait for the desk's answer to an Enter: its outcome and words."""
    page.wait_for_function(
        """([outcome, text]) => {
            const f = document.querySelector('[data-testid=checkin-feedback]');
            return f && f.dataset.outcome === outcome && f.innerText.includes(text);
        }""",
        arg=[outcome, text],
    )


def results_for(page, query):
    page.wait_for_function(
        "q => { const l = document.getElementById('checkin-list'); return l && l.dataset.query === q; }",
        arg=query,
    )


def box_is_clear_and_focused(page):
    page.wait_for_function(
        """() => {
            const box = document.getElementById('checkin-query');
            return box.value === '' && document.activeElement === box
                && document.getElementById('checkin-results').children.length === 0;
        }"""
    )


def test_check_in_desk_by_keyboard_alone_with_300_delegates(page, demo):
    from cndp.congress.models import CheckEvent, Delegate
    from cndp.congress.tests.factories import congress_in_session

    congress = congress_in_session(total=300, present=280)
    events = lambda: list(  # noqa: E731
        CheckEvent.objects.filter(delegate__congress=congress)
        .order_by("pk")
        .values_list("delegate__full_name", "method")
    )
    login(page, "danguy")
    page.goto(page.base_url + f"/congress/congresses/{congress.pk}/checkin/")
    assert page.locator("[data-testid=present]").inner_text() == "280"
    ready(page, "#checkin-form")  # the desk's script has run
    box = page.locator("#checkin-query")
    assert page.evaluate("document.activeElement.id") == "checkin-query"  # ready to type at once

    # 1. An ambiguous name: Enter asks to pick and keeps the box and the list
    page.keyboard.type("do minh")
    results_for(page, "do minh")
    page.keyboard.press("Enter")
    feedback(page, "choose", "dùng phím ↑/↓ để chọn")
    assert box.input_value() == "do minh"
    assert page.locator("#checkin-list [role=option]").count() >= 4
    shot(page, "checkin-ambiguous")

    # 2. ↓ ↓ picks the second person of the list, Enter checks that person in
    second = page.locator("#checkin-list [role=option]").nth(1)
    second_name = second.locator("strong").inner_text()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    assert second.get_attribute("aria-selected") == "true"
    assert box.get_attribute("aria-activedescendant") == second.get_attribute("id")
    shot(page, "checkin-picked")
    page.keyboard.press("Enter")
    feedback(page, "done", f"Đã điểm danh vào: {second_name}")
    box_is_clear_and_focused(page)

    # 3. The exact full name, typed without accents and Enter at once: Đỗ Minh An, not Oanh or Anh
    page.keyboard.type("do minh an")
    page.keyboard.press("Enter")
    feedback(page, "done", "Đã điểm danh vào: Đỗ Minh An (DH12-001)")
    box_is_clear_and_focused(page)

    # 4. Already present: the list says so and a second Enter says so clearly, nothing is recorded
    page.keyboard.type("do minh an")
    results_for(page, "do minh an")
    first = page.locator("#checkin-list [role=option]").first
    assert first.get_attribute("aria-selected") == "true"  # the exact name is picked for Enter
    assert "đang có mặt" in first.inner_text()
    page.keyboard.press("Enter")
    feedback(page, "already", "Đỗ Minh An (DH12-001) đã điểm danh vào rồi")
    assert page.locator("[data-testid=checkin-feedback]").evaluate(
        "e => e.classList.contains('alert-warning')"
    )
    box_is_clear_and_focused(page)
    shot(page, "checkin-already-present")

    # 5. A card scan: the scanner types the code and Enter, as fast as it can
    page.keyboard.type("DH12-007", delay=0)
    page.keyboard.press("Enter")
    feedback(page, "done", "Đã điểm danh vào: Lương Bích Xuyến (DH12-007)")
    box_is_clear_and_focused(page)

    # 6. A clicked result: afterwards no stale button, the focus is back and the next name starts afresh
    page.keyboard.type("tran thi ha")
    results_for(page, "tran thi ha")
    page.locator("#checkin-list [role=option]").first.get_by_role("button", name="Điểm danh vào").click()
    feedback(page, "done", "Đã điểm danh vào: Trần Thị Hà")
    box_is_clear_and_focused(page)
    assert page.get_by_role("button", name="Điểm danh vào").count() == 0
    page.keyboard.type("xuyen")
    results_for(page, "xuyen")
    assert box.input_value() == "xuyen"  # not appended to the previous name
    assert "đang có mặt" in page.locator("#checkin-list").inner_text()
    page.keyboard.press("Escape")
    box_is_clear_and_focused(page)

    page.wait_for_function("() => document.querySelector('[data-testid=present]').innerText === '284'")
    shot(page, "checkin-300")
    page.goto(page.base_url + "/")  # stop the desk's polling before the test thread reads
    assert events() == [
        (second_name, "name"),
        ("Đỗ Minh An", "name"),
        ("Lương Bích Xuyến", "code"),
        ("Trần Thị Hà", "name"),
    ]
    assert Delegate.objects.filter(congress=congress, present=True).count() == 284
    assert (
        not Delegate.objects.get(congress=congress, full_name="Đỗ Minh Oanh").present
        or second_name == "Đỗ Minh Oanh"
    )


def test_a_closed_congress_refuses_check_in_and_votes(page, demo):
    from cndp.congress.models import Congress, Vote

    closed = Congress.objects.get(organisation__code="dang-bo-cuc", ordinal=3)
    votes = Vote.objects.filter(congress=closed).count()
    login(page, "danguy")
    page.goto(page.base_url + f"/congress/congresses/{closed.pk}/checkin/")
    assert page.locator("[data-testid=congress-closed]").inner_text() == CLOSED
    assert page.locator("#checkin-query").count() == 0
    page.goto(page.base_url + f"/congress/congresses/{closed.pk}/proceedings/")
    assert page.locator("[data-testid=congress-closed]").inner_text() == CLOSED
    assert page.get_by_role("button", name="Ghi kết quả biểu quyết").count() == 0
    shot(page, "closed-congress-proceedings")
    # A vote sent anyway, from the page (the form a stale tab would still have) and through the API
    token = page.locator("input[name=csrfmiddlewaretoken]").first.input_value()
    answer = page.request.post(
        page.base_url + f"/congress/congresses/{closed.pk}/proceedings/",
        form={
            "csrfmiddlewaretoken": token,
            "form": "vote",
            "vote-kind": "procedural",
            "vote-subject": "Biểu quyết sau bế mạc",
            "vote-votes_for": "1",
            "vote-votes_against": "0",
            "vote-votes_abstain": "0",
        },
        headers={"Referer": page.url},
    )
    assert CLOSED in answer.text()
    api = page.request.post(
        page.base_url + "/api/congress/votes/",
        data={
            "congress": closed.pk,
            "kind": "procedural",
            "subject": "Biểu quyết sau bế mạc",
            "votes_for": 1,
            "votes_against": 0,
            "votes_abstain": 0,
        },
        headers={"X-CSRFToken": token, "Referer": page.url},
    )
    assert api.status == 403 and api.json()["detail"] == CLOSED
    page.goto(page.base_url + "/")
    assert Vote.objects.filter(congress=closed).count() == votes


CONTRAST_JS = """
() => {
  const rgba = s => { const m = s.match(/[\\d.]+/g).map(Number); return [m[0], m[1], m[2], m.length > 3 ? m[3] : 1]; };
  const over = (top, below) => top.slice(0, 3).map((c, i) => c * top[3] + below[i] * (1 - top[3])).concat([1]);
  const background = el => {
    const layers = [];
    for (let e = el; e; e = e.parentElement) {
      const c = rgba(getComputedStyle(e).backgroundColor);
      if (c[3] > 0) { layers.push(c); if (c[3] === 1) break; }
    }
    let colour = [255, 255, 255, 1];  // the canvas under everything
    for (const layer of layers.reverse()) colour = over(layer, colour);
    return colour;
  };
  const lum = c => { const v = c.slice(0, 3).map(x => { x /= 255; return x <= 0.03928 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4; });
                     return 0.2126 * v[0] + 0.7152 * v[1] + 0.0722 * v[2]; };
  const out = [];
  for (const el of document.body.querySelectorAll('*')) {
    const text = Array.from(el.childNodes).filter(n => n.nodeType === 3).map(n => n.textContent.trim()).join(' ').trim();
    if (!text) continue;
    const bg = background(el);
    const fg = over(rgba(getComputedStyle(el).color), bg);
    const [a, b] = [lum(fg), lum(bg)].sort((x, y) => y - x);
    out.push({text: text.slice(0, 40), ratio: (a + 0.05) / (b + 0.05)});
  }
  return out;
}
"""


def test_projector_text_has_a_contrast_of_at_least_7_to_1(page, demo):
    from cndp.elections.models import Election

    election = Election.objects.filter(congress__ordinal=3, status="certified").order_by("pk").first()
    login(page, "danguy")
    page.goto(page.base_url + f"/elections/elections/{election.pk}/projector/")
    measured = page.evaluate(CONTRAST_JS)
    names = [row["name"] for row in election.result["candidates"]]
    assert {m["text"] for m in measured} >= set(names)  # the results table was measured
    low = [m for m in measured if m["ratio"] < 7]
    assert not low, low
    shot(page, "projector")
