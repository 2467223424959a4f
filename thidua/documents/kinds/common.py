"""What every kind of document of an agency shares: its letterhead and who signs."""

from django.utils.translation import gettext as _

from thidua.documents.nd30 import Signature
from thidua.org.models import Organization


def letterhead(organization: Organization, *, symbol: str) -> dict:
    """The issuing body, the ký hiệu ("BC-SXD" for a báo cáo) and the place, for `nd30.Content`."""
    place = organization.province or ""
    for prefix in ("tỉnh ", "Tỉnh ", "thành phố ", "Thành phố "):
        place = place.removeprefix(prefix)
    return {
        "issuer_parent": organization.parent_authority,
        "issuer": organization.short_name or organization.name,
        "symbol": f"{symbol}-{organization.document_symbol}" if organization.document_symbol else symbol,
        "place": place,
    }


def signature_of(plan) -> Signature:
    """Who signs for the agency: the plan's signer, for the Director ("KT. GIÁM ĐỐC") when a deputy."""
    title = plan.signer_position or _("Giám đốc")
    deputy = title.lower().startswith("phó")
    return Signature(
        title=title,
        name=plan.signer_name or "",
        authority="KT." if deputy else "",
        on_behalf_of=plan.signer_on_behalf_of or (title[4:] if deputy else ""),
    )
