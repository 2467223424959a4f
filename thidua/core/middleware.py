from django.conf import settings
from django.utils import translation


class ChosenLanguageMiddleware:
    """Vietnamese unless the person chose another language with the switcher.

    Django's LocaleMiddleware would follow the browser's Accept-Language, and many officials
    run an English-language browser; the product is Vietnamese first.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.supported = {code for code, _ in settings.LANGUAGES}

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in self.supported else settings.LANGUAGE_CODE
        request.LANGUAGE_CODE = language
        with translation.override(language):
            response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response
