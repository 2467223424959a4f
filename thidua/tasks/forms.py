"""Task, report, register forms; choices limited to the agency's rows."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from thidua.core.forms import BootstrapFormMixin
from thidua.core.uploads import validate_evidence, validate_workbook
from thidua.org.models import Enterprise, Unit
from thidua.plans.models import Plan, Responsibility, Section, Target
from thidua.tasks.models import Activity, GoodExample, Task


def _units(organization):
    return Unit.objects.filter(organization=organization).carrying_out().without_tree_fields()


class TaskForm(BootstrapFormMixin, forms.ModelForm):
    until = forms.DateField(
        label=_("lặp đến ngày"), required=False, help_text=_("Với nhiệm vụ lặp lại: kỳ cuối cùng")
    )

    class Meta:
        model = Task
        fields = [
            "title",
            "content",
            "plan",
            "section",
            "lead_unit",
            "coordinating_units",
            "starts_on",
            "due_on",
            "recurrence",
            "expected_result",
            "targets",
        ]
        widgets = {
            "content": forms.Textarea(attrs={"rows": 3}),
            "expected_result": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, organization, **kwargs):
        super().__init__(*args, **kwargs)
        plans = Plan.objects.filter(organization=organization).published()
        self.fields["plan"].queryset = plans
        self.fields["section"].queryset = Section.objects.filter(plan__in=plans).without_tree_fields()
        self.fields["lead_unit"].queryset = _units(organization)
        self.fields["coordinating_units"].queryset = _units(organization)
        self.fields["targets"].queryset = Target.objects.filter(plan__in=plans)

    def clean(self):
        data = super().clean()
        if data.get("recurrence") and not (data.get("starts_on") and data.get("until")):
            raise ValidationError(_("Nhiệm vụ lặp lại cần ngày bắt đầu và ngày lặp đến."))
        return data


class UnitTaskForm(BootstrapFormMixin, forms.ModelForm):
    """A unit's own task under an agency task (from the unit's plan): what, when, the expected result."""

    class Meta:
        model = Task
        fields = ["title", "content", "starts_on", "due_on", "expected_result"]
        widgets = {
            "content": forms.Textarea(attrs={"rows": 3}),
            "expected_result": forms.Textarea(attrs={"rows": 2}),
        }


class HandedDownForm(BootstrapFormMixin, forms.ModelForm):
    """A task the province hands down, as the office enters it from the document."""

    class Meta:
        model = Task
        fields = ["document_number", "document_date", "issuer", "title", "content", "lead_unit", "due_on"]
        widgets = {"content": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, organization, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lead_unit"].queryset = _units(organization)
        self.fields["document_number"].required = True
        self.fields["issuer"].initial = _("UBND tỉnh")


class TaskReportForm(BootstrapFormMixin, forms.Form):
    status = forms.ChoiceField(label=_("tình trạng"), choices=Task.Status.choices)
    completed_on = forms.DateField(label=_("ngày hoàn thành"), required=False)
    result = forms.CharField(label=_("kết quả thực hiện"), widget=forms.Textarea(attrs={"rows": 3}))
    file = forms.FileField(label=_("minh chứng"), required=False, validators=[validate_evidence])


class ReturnForm(BootstrapFormMixin, forms.Form):
    comment = forms.CharField(label=_("lý do trả lại"), widget=forms.Textarea(attrs={"rows": 2}))


class FromPlanForm(forms.Form):
    responsibilities = forms.ModelMultipleChoiceField(
        label=_("phân công"), queryset=Responsibility.objects.none(), widget=forms.CheckboxSelectMultiple
    )
    due_on = forms.DateField(label=_("hạn hoàn thành"), required=False)

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["responsibilities"].queryset = (
            plan.responsibilities.filter(unit__isnull=False, tasks__isnull=True)
            .exclude(role=Responsibility.Role.COORDINATE)
            .select_related("unit", "section")
        )


class WorkbookForm(BootstrapFormMixin, forms.Form):
    file = forms.FileField(label=_("tệp Excel (.xlsx)"), validators=[validate_workbook])


class ActivityForm(BootstrapFormMixin, forms.ModelForm):
    file = forms.FileField(label=_("minh chứng"), required=False, validators=[validate_evidence])

    class Meta:
        model = Activity
        fields = ["kind", "title", "held_on", "unit", "participants", "plan", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, organization, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = _units(organization)
        self.fields["plan"].queryset = Plan.objects.filter(organization=organization).published()


class GoodExampleForm(BootstrapFormMixin, forms.ModelForm):
    file = forms.FileField(label=_("minh chứng"), required=False, validators=[validate_evidence])

    class Meta:
        model = GoodExample
        fields = ["kind", "name", "unit", "enterprise", "achievement", "recognised_on", "spread_at", "plan"]
        widgets = {"achievement": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, organization, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = _units(organization)
        self.fields["enterprise"].queryset = Enterprise.objects.filter(organization=organization)
        self.fields["plan"].queryset = Plan.objects.filter(organization=organization).published()
