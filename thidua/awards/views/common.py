"""What the rewards pages share: the year asked for, the page size, the office's capability."""

from django.utils import timezone

from thidua.org.roles import Capability

PAGE_SIZE = 50
MANAGE = Capability.MANAGE_AWARDS


def year_asked(request) -> int:
    value = request.GET.get("nam", "")
    year = int(value) if value.isdigit() else timezone.localdate().year
    return year if 2000 <= year <= 2100 else timezone.localdate().year
