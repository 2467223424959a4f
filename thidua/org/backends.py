from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend


class PeopleBackend(ModelBackend):
    """Django's backend, loading the person's unit and agency with them: every page shows both."""

    def get_user(self, user_id):
        model = get_user_model()
        try:
            user = model._default_manager.select_related("unit", "organization").get(pk=user_id)
        except model.DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None
