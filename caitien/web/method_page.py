"""A Vietnamese page for 405 answers.

Views guarded by `require_POST` answer a GET (someone opening a form's address from the history, or a
link pasted from a message) with an empty 405, and the browser then draws its own error page in its
own language. This middleware replaces an empty 405 with a page that says what happened and where to
go; API answers, which carry their own JSON body, are left as they are.
"""

from django.shortcuts import render


class MethodNotAllowedPageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code != 405 or response.content:
            return response
        page = render(request, "method_not_allowed.html", status=405)
        if "Allow" in response.headers:
            page.headers["Allow"] = response.headers["Allow"]
        return page
