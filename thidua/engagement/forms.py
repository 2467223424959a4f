from django import forms
from django.utils.translation import gettext_lazy as _

from thidua.core.forms import BootstrapFormMixin
from thidua.core.scoring import PointsForm
from thidua.core.uploads import validate_evidence, validate_workbook
from thidua.engagement.models import Criterion, CriterionSet, Dialogue, Feedback
from thidua.engagement.personal_data import find_personal_data
from thidua.org.models import Unit


class FeedbackForm(BootstrapFormMixin, forms.ModelForm):
    """What an enterprise sends from the web form, or the office enters."""

    class Meta:
        model = Feedback
        fields = ["subject", "content", "publish_consent"]
        widgets = {"content": forms.Textarea({"rows": 5})}


class OfficeFeedbackForm(BootstrapFormMixin, forms.ModelForm):
    class Meta:
        model = Feedback
        fields = ["enterprise", "subject", "content", "received_on", "publish_consent"]
        widgets = {"content": forms.Textarea({"rows": 5})}

    def __init__(self, *args, organization, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["enterprise"].queryset = organization.enterprises.filter(is_active=True)
        self.fields["received_on"].required = True


class AssignForm(BootstrapFormMixin, forms.Form):
    unit = forms.ModelChoiceField(label=_("Đơn vị xử lý"), queryset=Unit.objects.none())

    def __init__(self, *args, organization, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = Unit.objects.filter(organization=organization).carrying_out()


class AnswerForm(BootstrapFormMixin, forms.Form):
    answer = forms.CharField(label=_("Nội dung trả lời"), widget=forms.Textarea({"rows": 5}))


class ForwardForm(BootstrapFormMixin, forms.Form):
    authority = forms.CharField(label=_("Chuyển đến cơ quan"), max_length=300)


class DialogueForm(BootstrapFormMixin, forms.ModelForm):
    class Meta:
        model = Dialogue
        fields = ["title", "scheduled_on", "place", "enterprises", "units"]

    def __init__(self, *args, organization, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["enterprises"].queryset = organization.enterprises.filter(is_active=True)
        self.fields["units"].queryset = Unit.objects.filter(organization=organization, is_active=True)


class HoldForm(BootstrapFormMixin, forms.Form):
    held_on = forms.DateField(label=_("Ngày tổ chức"))
    minutes = forms.CharField(
        label=_("Biên bản, kết luận"), widget=forms.Textarea({"rows": 4}), required=False
    )


class IssueForm(BootstrapFormMixin, forms.Form):
    enterprise = forms.ModelChoiceField(label=_("Doanh nghiệp nêu"), queryset=None, required=False)
    subject = forms.CharField(label=_("Vấn đề"), max_length=300)
    content = forms.CharField(label=_("Nội dung"), widget=forms.Textarea({"rows": 3}))

    def __init__(self, *args, dialogue, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["enterprise"].queryset = dialogue.enterprises.all()


class AttachmentForm(BootstrapFormMixin, forms.Form):
    file = forms.FileField(label=_("Tệp đính kèm"), validators=[validate_evidence])


class EnterpriseUploadForm(BootstrapFormMixin, forms.Form):
    file = forms.FileField(
        label=_("Tệp Excel danh sách doanh nghiệp"),
        help_text=_("Các cột: Tên doanh nghiệp, Mã số thuế, Lĩnh vực, Loại hình sở hữu, Quy mô, Địa chỉ…"),
        validators=[validate_workbook],
    )


class ScoresForm(PointsForm):
    """One points field per criterion (and an evidence file when the enterprise scores itself)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, describe=_describe, **kwargs)


def _describe(criterion) -> str:
    return _("{group}; tối đa {points} điểm").format(
        group=criterion.get_group_display(), points=criterion.max_points
    )


def default_set_name(year: int) -> str:
    return _("Bộ tiêu chí thi đua doanh nghiệp năm {year}").format(year=year)


class CriterionSetForm(BootstrapFormMixin, forms.Form):
    """A new year's criteria, and what to start them from."""

    START_PLAN, START_COPY, START_EMPTY = "plan", "copy", "empty"
    START_CHOICES = [
        (START_PLAN, _("Theo 4 nhóm tiêu chí của kế hoạch (mục II.2 a–d), tổng 100 điểm")),
        (START_COPY, _("Sao chép bộ tiêu chí của năm trước")),
        (START_EMPTY, _("Bộ tiêu chí trống")),
    ]

    year = forms.IntegerField(label=_("Năm"), min_value=2000, max_value=2100)
    name = forms.CharField(
        label=_("Tên bộ tiêu chí"),
        max_length=300,
        required=False,
        help_text=_("Để trống: “Bộ tiêu chí thi đua doanh nghiệp năm …”"),
    )
    legal_basis = forms.CharField(
        label=_("Căn cứ"),
        max_length=300,
        required=False,
        help_text=_("Ví dụ: Kế hoạch số …/KH-SXD ngày … của Sở Xây dựng"),
    )
    start = forms.ChoiceField(label=_("Khởi tạo tiêu chí"), choices=START_CHOICES)

    def __init__(self, *args, organization, **kwargs):
        super().__init__(*args, **kwargs)
        self.organization = organization
        self.source = None

    def clean(self):
        data = super().clean()
        year = data.get("year")
        if year is not None and not data.get("name"):
            data["name"] = default_set_name(year)
        if data.get("start") == self.START_COPY and year is not None:
            self.source = (
                CriterionSet.objects.filter(organization=self.organization, year__lt=year)
                .order_by("-year")
                .first()
            )
            if self.source is None:
                self.add_error(
                    "start",
                    _("Chưa có bộ tiêu chí của năm nào trước năm {year} để sao chép.").format(year=year),
                )
        return data


class CopyCriterionSetForm(BootstrapFormMixin, forms.Form):
    year = forms.IntegerField(label=_("Sang năm"), min_value=2000, max_value=2100)
    name = forms.CharField(
        label=_("Tên bộ tiêu chí mới"),
        max_length=300,
        required=False,
        help_text=_("Để trống: tên của năm được sao chép, đổi sang năm mới"),
    )

    def __init__(self, *args, source: CriterionSet, **kwargs):
        super().__init__(*args, **kwargs)
        self.source = source

    def clean(self):
        data = super().clean()
        year = data.get("year")
        if year is not None and not data.get("name"):
            old = str(self.source.year)
            data["name"] = (
                self.source.name.replace(old, str(year))
                if old in self.source.name
                else default_set_name(year)
            )
        return data


class CriterionForm(BootstrapFormMixin, forms.ModelForm):
    """One criterion: its group of the plan, text, maximum points (≥ 0) and place in the list."""

    class Meta:
        model = Criterion
        fields = ["group", "text", "max_points", "position"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["max_points"].widget.attrs["min"] = 0
        self.fields["position"].required = False
        if not self.instance.pk:
            self.fields["position"].help_text = _("Để trống: xếp cuối danh sách")

    def clean_position(self):
        position = self.cleaned_data["position"]
        if position is not None:
            return position
        if self.instance.pk:
            return self.instance.position
        return self.instance.criterion_set.next_position()


class PublicVersionForm(BootstrapFormMixin, forms.Form):
    """The office's public copy of a feedback and its answer, checked for personal data left in."""

    subject = forms.CharField(label=_("Tiêu đề công khai"), max_length=300)
    content = forms.CharField(label=_("Câu hỏi công khai"), widget=forms.Textarea({"rows": 6}))
    answer = forms.CharField(label=_("Trả lời công khai"), widget=forms.Textarea({"rows": 8}))
    keep_marked = forms.BooleanField(
        label=_("Tôi đã đọc lại: các đoạn còn được đánh dấu là thông tin được phép công khai"),
        required=False,
    )

    def __init__(self, *args, known: tuple[str, ...] = (), **kwargs):
        super().__init__(*args, **kwargs)
        self.known = known

    def findings(self, name: str) -> list:
        value = self[name].value() or ""
        return find_personal_data(value, self.known)

    def clean(self):
        data = super().clean()
        if data.get("keep_marked"):
            return data
        for name in ("subject", "content", "answer"):
            found = find_personal_data(data.get(name) or "", self.known)
            if found:
                listed = "; ".join(f"{f.label} “{f.text}”" for f in found[:3])
                self.add_error(
                    name,
                    _("Còn thông tin cá nhân: %(listed)s. Xóa đi, hoặc đánh dấu ô xác nhận bên dưới.")
                    % {"listed": listed},
                )
        return data
