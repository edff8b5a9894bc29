"""Congress models: the congress, summons and check-in (core); agenda, organs and votes (proceedings);
draft documents and comments (documents)."""

from cndp.congress.models.core import CheckEvent, Congress, Delegate, roman

__all__ = ["CheckEvent", "Congress", "Delegate", "roman"]
