from rest_framework.routers import DefaultRouter

from cndp.congress.api.documents import CommentViewSet, DraftDocumentViewSet
from cndp.congress.api.proceedings import VoteViewSet
from cndp.congress.api.views import CongressViewSet, DelegateViewSet

router = DefaultRouter()
router.register("congresses", CongressViewSet)
router.register("delegates", DelegateViewSet)
router.register("documents", DraftDocumentViewSet)
router.register("comments", CommentViewSet)
router.register("votes", VoteViewSet)
app_name = "congress-api"
urlpatterns = router.urls
