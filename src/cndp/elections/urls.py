from django.urls import path

from cndp.elections import views

app_name = "elections"
_registry = [p for p in views.ElectionViews.urls() if p.name != "election_detail"]
urlpatterns = [
    *_registry,
    path("elections/<int:pk>/", views.election_page, name="election_detail"),
    path("elections/<int:pk>/candidates/", views.candidate_add, name="candidate_add"),
    path(
        "elections/<int:pk>/candidates/<int:candidate_pk>/withdraw/",
        views.candidate_withdraw,
        name="candidate_withdraw",
    ),
    path("elections/<int:pk>/adopt/", views.list_adopt, name="list_adopt"),
    path("elections/<int:pk>/start/", views.counting_start, name="counting_start"),
    path("elections/<int:pk>/entry/", views.entry_screen, name="entry"),
    path("elections/<int:pk>/finish/", views.clerk_finish, name="clerk_finish"),
    path("elections/<int:pk>/settle/", views.ballot_settle, name="settle"),
    path("elections/<int:pk>/count/", views.election_count, name="count"),
    path("elections/<int:pk>/certify/", views.election_certify, name="certify"),
    path("elections/<int:pk>/decide/", views.election_decide, name="decide"),
    path("elections/<int:pk>/recount/", views.election_recount, name="recount"),
    path("elections/<int:pk>/approve/", views.election_approve, name="approve"),
    path("elections/<int:pk>/projector/", views.projector, name="projector"),
    path("elections/<int:pk>/minutes.pdf", views.minutes_pdf, name="minutes"),
    path("elections/<int:pk>/ballot.pdf", views.ballot_pdf, name="ballot"),
    path("elections/<int:pk>/tally.json", views.tally_export, name="tally_export"),
    path("board/<int:congress_pk>/", views.board, name="board"),
]
