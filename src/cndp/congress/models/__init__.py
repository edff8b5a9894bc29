"""Congress models: the congress, summons and check-in (core); agenda, organs and votes (proceedings);
draft documents and comments (documents)."""

from cndp.congress.models.core import CheckEvent, Congress, Delegate, roman
from cndp.congress.models.documents import Comment, DocumentSection, DraftDocument
from cndp.congress.models.proceedings import AgendaItem, OrganKind, OrganMember, Vote, VoteKind

__all__ = [
    "AgendaItem",
    "CheckEvent",
    "Comment",
    "Congress",
    "Delegate",
    "DocumentSection",
    "DraftDocument",
    "OrganKind",
    "OrganMember",
    "Vote",
    "VoteKind",
    "roman",
]
