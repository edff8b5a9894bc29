"""URLs of draft documents and comments (dự thảo văn kiện, góp ý)."""

urlpatterns: list = []
