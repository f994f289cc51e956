from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.utils import translation


class ChosenLanguageMiddleware(LocaleMiddleware):
    """Dutch unless the user chose otherwise with the language switch.

    Django's LocaleMiddleware also follows the browser's Accept-Language; many Dutch
    care staff run English browsers but expect the portal in Dutch, so only the
    language cookie set by the switch counts."""

    def process_request(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        supported = {code for code, _ in settings.LANGUAGES}
        translation.activate(chosen if chosen in supported else settings.LANGUAGE_CODE)
        request.LANGUAGE_CODE = translation.get_language()


class ContentSecurityPolicyMiddleware:
    """Send settings.CONTENT_SECURITY_POLICY on every response: scripts only from the
    portal's own files (no inline scripts anywhere in the portal's pages). The CMS
    gets settings.CMS_CONTENT_SECURITY_POLICY (Wagtail's admin needs inline scripts)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if "Content-Security-Policy" not in response:
            cms = request.path.startswith("/cms/")
            policy = (
                settings.CMS_CONTENT_SECURITY_POLICY if cms else settings.CONTENT_SECURITY_POLICY
            )
            response["Content-Security-Policy"] = policy
        return response
