"""What the rewards pages share: the year asked for, the page size, the office's capability."""

from django.utils import timezone

from thidua.core.query import int_param
from thidua.org.roles import Capability

PAGE_SIZE = 50
MANAGE = Capability.MANAGE_AWARDS


def year_asked(request) -> int:
    year = int_param(request, "nam", minimum=2000, maximum=2100)
    return timezone.localdate().year if year is None else year
