"""Pages anyone may read without logging in: answers published with the enterprise's consent."""

from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render

from thidua.engagement.models import Feedback

PAGE_SIZE = 30


def published_answers(request):
    """Question and answer only: no enterprise, person or contact is shown."""
    rows = Feedback.objects.published().select_related("organization", "unit").order_by("-answered_on", "-pk")
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "engagement/public_list.html", {"page": page})


def published_answer(request, pk: int):
    feedback = get_object_or_404(Feedback.objects.published().select_related("organization", "unit"), pk=pk)
    return render(request, "engagement/public_detail.html", {"feedback": feedback})
