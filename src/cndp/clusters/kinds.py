"""The kinds of obligation industrial clusters owe on the shared reporting calendar (Biểu 01–04)."""

from django.utils.translation import gettext_noop as _

from cndp.clusters.reference import KIND_FORM01, KIND_FORM02, KIND_FORM03, KIND_FORM04
from cndp.obligations import kinds

FORM_KIND = {"form01": KIND_FORM01, "form02": KIND_FORM02, "form03": KIND_FORM03, "form04": KIND_FORM04}


def register_kinds() -> None:
    """Plain strings (marked for translation): the calendar joins the labels of a rule's kinds."""
    where = _("Cụm công nghiệp › Báo cáo định kỳ")
    for key, label, short in (
        (KIND_FORM01, _("Báo cáo Biểu 01 của dự án trong cụm công nghiệp"), _("Biểu 01")),
        (KIND_FORM02, _("Báo cáo Biểu 02 của chủ đầu tư hạ tầng cụm công nghiệp"), _("Biểu 02")),
        (KIND_FORM03, _("Báo cáo Biểu 03 của UBND cấp xã về cụm công nghiệp"), _("Biểu 03")),
        (KIND_FORM04, _("Báo cáo Biểu 04 của Sở Công Thương về cụm công nghiệp"), _("Biểu 04")),
    ):
        # The province's Department enters and submits the reports of its developers, investors and
        # communes (they have no account); the agency reviews.
        # Submitted and reviewed on the report's own page, with its figures (and, for Biểu 03/04, once
        # computed and signed): the calendar's own buttons are not offered for them.
        kinds.register(kinds.Kind(key, label, short=short, where=where, own_page=True))
