"""Organizations (tenants), their unit trees, people, roles and the enterprises of their sector."""

from functools import cached_property

from django.contrib.auth.models import AbstractUser
from django.contrib.auth.models import UserManager as DjangoUserManager
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords
from tree_queries.models import TreeNode
from tree_queries.query import TreeQuerySet

from thidua.org.roles import Capability, Role, capabilities_of, roles_with
from thidua.org.tenancy import SameOrganization
from thidua.org.validators import validate_tax_code


class TenantQuerySet(models.QuerySet):
    """Rows that belong to one organization. Scoping lives here, and only here.

    With `read_capability` set, a person sees the rows of the organizations where they hold it
    (see the table in `org.roles`); without it, those of every organization they belong to.
    """

    organization_lookup = "organization"
    read_capability: str | None = None

    def visible_to(self, user):
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self
        if self.read_capability is None:
            organization_ids = user.organization_ids
        else:
            organization_ids = user.organizations_where(self.read_capability)
        return self.filter(**{f"{self.organization_lookup}__in": organization_ids})

    def of(self, organization):
        return self.filter(**{self.organization_lookup: organization})


class OrganizationQuerySet(TenantQuerySet):
    organization_lookup = "pk"


class Organization(models.Model):
    """One agency, the tenant: every other row belongs to exactly one organization."""

    name = models.CharField(_("tên cơ quan"), max_length=200, unique=True)
    short_name = models.CharField(_("tên ngắn"), max_length=100, help_text=_("Ví dụ: Sở Xây dựng"))
    slug = models.SlugField(_("mã"), max_length=60, unique=True)
    province = models.CharField(_("tỉnh, thành phố"), max_length=100, blank=True)
    parent_authority = models.CharField(
        _("cơ quan chủ quản"), max_length=200, blank=True, help_text=_("Ví dụ: UBND tỉnh Thanh Hóa")
    )
    document_symbol = models.CharField(
        _("ký hiệu văn bản"), max_length=20, blank=True, help_text=_("Phần sau số văn bản, ví dụ SXD")
    )
    address = models.CharField(_("địa chỉ"), max_length=300, blank=True)
    email = models.EmailField(_("thư điện tử"), blank=True)

    objects = OrganizationQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("cơ quan")
        verbose_name_plural = _("cơ quan")
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def organization(self):
        """An organization is its own tenant; lets access helpers treat it like any owned row."""
        return self


class UnitQuerySet(TenantQuerySet, TreeQuerySet):
    read_capability = Capability.VIEW_DASHBOARDS

    def carrying_out(self):
        """Units that carry out plans, send their own and report: active, and not the leadership."""
        return self.filter(is_active=True, kind__in=Unit.CARRYING_OUT_KINDS)


class Unit(SameOrganization, TreeNode):
    """A department or unit inside an organization (phòng, ban, đơn vị), kept as a tree."""

    class Kind(models.TextChoices):
        LEADERSHIP = "leadership", _("Lãnh đạo")
        OFFICE = "office", _("Văn phòng")
        DIVISION = "division", _("Phòng chuyên môn")
        UNIT = "unit", _("Đơn vị trực thuộc")
        OTHER = "other", _("Khác")

    CARRYING_OUT_KINDS = (Kind.OFFICE, Kind.DIVISION, Kind.UNIT)

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="units", verbose_name=_("cơ quan")
    )
    name = models.CharField(_("tên"), max_length=200)
    short_name = models.CharField(_("tên viết tắt"), max_length=30, blank=True)
    kind = models.CharField(_("loại"), max_length=20, choices=Kind, default=Kind.DIVISION)
    position = models.PositiveIntegerField(_("thứ tự"), default=0)
    is_active = models.BooleanField(_("đang hoạt động"), default=True)

    objects = UnitQuerySet.as_manager(with_tree_fields=True)
    history = HistoricalRecords()

    same_organization = ("parent",)
    same_organization_messages = {"parent": _("Đơn vị cấp trên phải thuộc cùng cơ quan.")}

    class Meta:
        verbose_name = _("phòng, đơn vị")
        verbose_name_plural = _("phòng, đơn vị")
        ordering = ["organization", "position", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "name"],
                name="unit_name_unique_in_organization",
                violation_error_message=_("Cơ quan đã có một phòng, đơn vị cùng tên."),
            )
        ]

    def __str__(self):
        return self.name

    @property
    def carries_out(self) -> bool:
        return self.is_active and self.kind in self.CARRYING_OUT_KINDS


class Enterprise(models.Model):
    """A company of the sector that takes part in the organization's movements."""

    class Sector(models.TextChoices):
        CONSTRUCTION = "construction", _("Xây dựng")
        MATERIALS = "materials", _("Vật liệu xây dựng")
        REAL_ESTATE = "real_estate", _("Bất động sản")
        INFRASTRUCTURE = "infrastructure", _("Hạ tầng kỹ thuật")
        TRANSPORT = "transport", _("Vận tải")
        LOGISTICS = "logistics", _("Logistics")

    class Ownership(models.TextChoices):
        PRIVATE = "private", _("Tư nhân")
        STATE = "state", _("Nhà nước")
        FDI = "fdi", _("Có vốn đầu tư nước ngoài (FDI)")

    class Size(models.TextChoices):
        MICRO = "micro", _("Siêu nhỏ")
        SMALL = "small", _("Nhỏ")
        MEDIUM = "medium", _("Vừa")
        LARGE = "large", _("Lớn")

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="enterprises", verbose_name=_("cơ quan")
    )
    name = models.CharField(_("tên doanh nghiệp"), max_length=300)
    tax_code = models.CharField(_("mã số thuế"), max_length=14, validators=[validate_tax_code])
    sector = models.CharField(_("lĩnh vực"), max_length=20, choices=Sector)
    ownership = models.CharField(_("loại hình sở hữu"), max_length=10, choices=Ownership)
    size = models.CharField(_("quy mô"), max_length=10, choices=Size, blank=True)
    address = models.CharField(_("địa chỉ"), max_length=300, blank=True)
    representative = models.CharField(_("người đại diện"), max_length=150, blank=True)
    email = models.EmailField(_("thư điện tử"), blank=True)
    phone = models.CharField(_("điện thoại"), max_length=30, blank=True)
    is_active = models.BooleanField(_("đang hoạt động"), default=True)

    objects = TenantQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("doanh nghiệp")
        verbose_name_plural = _("doanh nghiệp")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "tax_code"],
                name="enterprise_tax_code_unique_in_organization",
                violation_error_message=_("Mã số thuế này đã có trong danh sách doanh nghiệp."),
            )
        ]

    def __str__(self):
        return self.name


class UserQuerySet(models.QuerySet):
    def visible_to(self, user):
        """People of the user's organizations: their own staff, and those holding a role there (observers)."""
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self
        ids = user.organization_ids
        return self.filter(
            Q(organization__in=ids) | Q(pk__in=Membership.objects.filter(organization__in=ids).values("user"))
        )

    def holding(self, capability: str, organization):
        """Active people who may do `capability` in `organization` (a row or its id): who is told of work.
        The office is `holding(Capability.FOLLOW_UP_PLANS, organization)`, as for reminders."""
        organization_id = getattr(organization, "pk", organization)
        return self.filter(
            is_active=True,
            pk__in=Membership.objects.filter(
                organization_id=organization_id, role__in=roles_with(capability)
            ).values("user"),
        )

    def acting_for(self, capability: str, unit):
        """Active people of `unit` who may do `capability` for it (see `User.acts_for_unit`): the unit
        head is `acting_for(Capability.SUBMIT_REPORTS, unit)`, its people who enter figures
        `acting_for(Capability.ENTER_REPORTS, unit)`."""
        return self.holding(capability, unit.organization_id).filter(unit=unit)


class UserManager(DjangoUserManager.from_queryset(UserQuerySet)):
    pass


class User(SameOrganization, AbstractUser):
    """A person: a civil servant of a unit, an enterprise's representative, or an observer."""

    full_name = models.CharField(_("họ và tên"), max_length=150, blank=True)
    position = models.CharField(_("chức vụ"), max_length=150, blank=True)
    organization = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="people",
        verbose_name=_("cơ quan công tác"),
    )
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, null=True, blank=True, related_name="people", verbose_name=_("đơn vị")
    )
    enterprise = models.ForeignKey(
        Enterprise,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="people",
        verbose_name=_("doanh nghiệp"),
    )
    phone = models.CharField(_("điện thoại"), max_length=30, blank=True)

    objects = UserManager()
    history = HistoricalRecords(excluded_fields=["password", "last_login"])

    same_organization = ("unit", "enterprise")
    same_organization_messages = {
        "unit": _("Đơn vị phải thuộc cơ quan công tác của người dùng."),
        "enterprise": _("Doanh nghiệp phải thuộc cơ quan công tác của người dùng."),
    }

    class Meta:
        verbose_name = _("người dùng")
        verbose_name_plural = _("người dùng")
        ordering = ["full_name", "username"]

    def __str__(self):
        return self.full_name or self.username

    @cached_property
    def roles_by_organization(self) -> dict[int, set[str]]:
        roles: dict[int, set[str]] = {}
        for organization_id, role in self.memberships.values_list("organization_id", "role"):
            roles.setdefault(organization_id, set()).add(role)
        return roles

    @property
    def organization_ids(self) -> list[int]:
        return list(self.roles_by_organization)

    def roles_in(self, organization) -> set[str]:
        return self.roles_by_organization.get(organization.pk, set())

    def can(self, capability: str, organization) -> bool:
        """Whether this person may do `capability` inside `organization` (a row or its id)."""
        if self.is_superuser:
            return True
        organization_id = getattr(organization, "pk", organization)
        return capability in capabilities_of(self.roles_by_organization.get(organization_id, set()))

    def acts_for_unit(self, capability: str, unit) -> bool:
        """Whether this person may do `capability` for `unit` (a row or its id): they belong to the
        unit and hold the capability in its agency. What a unit does, only its own people do."""
        unit_id = getattr(unit, "pk", unit)
        if self.unit_id is None or self.unit_id != unit_id:
            return False
        own_unit = self.unit
        agency_id = getattr(unit, "organization_id", None) or (own_unit.organization_id if own_unit else None)
        return self.can(capability, agency_id)

    def organizations_where(self, capability: str) -> list[int]:
        """Ids of the organizations in which this person may do `capability`."""
        return [
            organization_id
            for organization_id, roles in self.roles_by_organization.items()
            if capability in capabilities_of(roles)
        ]

    @property
    def represents_enterprise_only(self) -> bool:
        """Speaks for an enterprise and reads none of an agency's internal work: the enterprise's own
        pages (its portal) are this person's home and whole menu."""
        return (
            self.enterprise_id is not None
            and not self.is_superuser
            and not self.organizations_where(Capability.VIEW_DASHBOARDS)
        )

    @property
    def all_roles(self) -> set[str]:
        return set().union(*self.roles_by_organization.values()) if self.roles_by_organization else set()


class Membership(SameOrganization, models.Model):
    """A person's role in an organization; an observer holds one per organization it oversees."""

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("người dùng")
    )
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("cơ quan")
    )
    role = models.CharField(_("vai trò"), max_length=20, choices=Role)

    objects = TenantQuerySet.as_manager()
    history = HistoricalRecords()

    # A person of an agency holds roles in it only; one of no agency (an observer) may hold them in several.
    same_organization = ("user",)
    same_organization_messages = {
        "user": _("Người dùng thuộc cơ quan khác: không thể giao vai trò ở cơ quan này.")
    }

    class Meta:
        verbose_name = _("vai trò")
        verbose_name_plural = _("vai trò")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organization", "role"],
                name="membership_unique_role",
                violation_error_message=_("Người dùng đã có vai trò này ở cơ quan này."),
            )
        ]

    def __str__(self):
        return f"{self.user} — {self.get_role_display()} — {self.organization}"


class AgencyRuleQuerySet(TenantQuerySet):
    def valid_on(self, organization, day):
        """The agency's own and the national rows valid on `day`, the agency's first, newest first."""
        rows = self.filter(Q(organization=organization) | Q(organization__isnull=True), valid_from__lte=day)
        rows = rows.filter(Q(valid_to__isnull=True) | Q(valid_to__gte=day))
        return rows.order_by(models.F("organization").asc(nulls_last=True), "-valid_from", "-pk")

    def in_force(self, organization, day):
        """The rule valid on `day`: the agency's own when it has one, else the national one."""
        return self.valid_on(organization, day).first()


def validity_ordered(name: str) -> models.CheckConstraint:
    """The constraint every rule table carries: a rule stops being valid after it starts."""
    return models.CheckConstraint(
        condition=Q(valid_to__isnull=True) | Q(valid_to__gte=models.F("valid_from")),
        name=name,
        violation_error_message=_("Ngày hết hiệu lực phải sau ngày có hiệu lực."),
    )


class AgencyRule(models.Model):
    """A rule kept as data: national (no agency) or one agency's own, with its legal basis and validity."""

    organization = models.ForeignKey(
        Organization,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("cơ quan"),
        help_text=_("Để trống: quy định chung toàn quốc"),
    )
    legal_basis = models.CharField(_("căn cứ pháp lý"), max_length=300)
    valid_from = models.DateField(_("hiệu lực từ ngày"))
    valid_to = models.DateField(_("hiệu lực đến ngày"), null=True, blank=True)

    objects = AgencyRuleQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["organization", "-valid_from"]

    def clean(self):
        super().clean()
        if self.valid_to and self.valid_from and self.valid_to < self.valid_from:
            raise ValidationError({"valid_to": _("Ngày hết hiệu lực phải sau ngày có hiệu lực.")})
