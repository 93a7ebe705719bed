"""How django-axes names the account a failed sign-in was aimed at."""


def username_from_credentials(request, credentials):
    """
    The e-mail address tried, lower-cased, whichever form sent it.

    The admin's form posts ``username``, the portal's sign-in form (allauth)
    posts ``login`` and authenticates with ``email``; all three count against
    the same account.
    """
    values = dict(credentials or {})
    data = getattr(request, "POST", None) or {}
    for key in ("email", "username", "login"):
        value = values.get(key) or data.get(key)
        if value:
            return str(value).strip().lower()
    return None
