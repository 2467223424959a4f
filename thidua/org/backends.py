from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend

from thidua.core import personcache


class PeopleBackend(ModelBackend):
    """Django's backend, loading the person's unit and agency with them: every page shows both. The row
    (with the person's roles) is kept in the cache until it, their roles or their agency change
    (core.personcache)."""

    def get_user(self, user_id):
        model = get_user_model()

        def load():
            return model._default_manager.select_related("unit", "organization").filter(pk=user_id).first()

        user = personcache.account(user_id, load)
        return user if user is not None and self.user_can_authenticate(user) else None
