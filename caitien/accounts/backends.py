"""The login backend that refuses a locked-out person (django-axes) before their password is checked."""

from axes.backends import AxesStandaloneBackend


class LockoutBackend(AxesStandaloneBackend):
    """Axes needs the request to know the address. Code without one (a management command, Django's
    test client login) is not a web login and is left to the next backend."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)
